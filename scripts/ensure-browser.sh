#!/usr/bin/env bash
# Browser tests use Debian's Chromium (and a CJK font so screenshots are readable).
# Installs them when missing and this user may; otherwise says what to install.
set -euo pipefail
need=()
[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || need+=(chromium)
fc-list 2>/dev/null | grep -qiE 'wenquanyi|wqy|noto sans cjk' || need+=(fonts-wqy-microhei)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing ${need[*]} from Debian…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
else
  echo "Browser tests need: ${need[*]} (Debian: sudo apt-get install ${need[*]})" >&2
  exit 1
fi
