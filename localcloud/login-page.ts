/** A demo identity offered on the local sign-in page (local cloud only, never in the weapp). */
export interface DemoIdentity {
  openid: string
  name: string
  /** e.g. 书记 · 第一党小组 */
  description: string
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string)

/** Only same-site paths, so the page cannot be used to bounce a user elsewhere. */
export function safeNext(next: string): string {
  return next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/'
}

export function renderLoginPage(identities: DemoIdentity[], next: string): string {
  const items = identities
    .map(
      (who) => `<li><button type="button" data-openid="${escapeHtml(who.openid)}">
        <span class="name">${escapeHtml(who.name)}</span>
        <span class="desc">${escapeHtml(who.description)}</span>
      </button></li>`,
    )
    .join('')
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>本地登录 · 支部通</title>
<style>
  body { margin: 0; font-family: -apple-system, "PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; background: #f6f6f6; color: #222; }
  header { background: #c8161d; color: #fff; padding: 24px 20px 20px; }
  header h1 { margin: 0 0 6px; font-size: 20px; }
  header p { margin: 0; font-size: 13px; opacity: .9; line-height: 1.5; }
  ul { list-style: none; margin: 16px; padding: 0; background: #fff; border-radius: 10px; overflow: hidden; }
  li + li { border-top: 1px solid #eee; }
  button { display: flex; width: 100%; justify-content: space-between; align-items: center; padding: 14px 16px; border: 0; background: none; font-size: 16px; cursor: pointer; text-align: left; }
  button:active { background: #fbeaea; }
  .desc { color: #888; font-size: 13px; }
  .note { margin: 0 20px; color: #999; font-size: 12px; line-height: 1.6; }
  .error { color: #c8161d; margin: 0 20px; }
</style>
</head>
<body>
<header>
  <h1>选择一个演示身份</h1>
  <p>这是本地云开发环境的登录页，用于在浏览器中体验支部通。正式小程序中，身份来自微信（OPENID），不会出现此页面。</p>
</header>
<ul>${items || '<li><p class="note">没有可用的演示身份。</p></li>'}</ul>
<p class="error" id="error" hidden></p>
<p class="note">演示数据均为虚构。</p>
<script>
  const next = ${JSON.stringify(safeNext(next))}
  for (const button of document.querySelectorAll('button[data-openid]')) {
    button.addEventListener('click', async () => {
      const res = await fetch('/gateway/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ openid: button.dataset.openid }),
      })
      if (res.ok) location.href = next
      else {
        const error = document.getElementById('error')
        error.textContent = '登录失败，请重试'
        error.hidden = false
      }
    })
  }
</script>
</body>
</html>`
}
