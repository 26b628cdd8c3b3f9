/** A demo identity offered on the local sign-in page (local demo only, never in the weapp). */
export interface DemoIdentity {
  openid: string
  name: string
  /** e.g. 书记 · 第一党小组 */
  description: string
  /** What to try as this person, e.g. the name and phone to join with. */
  hint?: string
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string)

/**
 * The identity picker of the local demo. `next` is the same-site path to return to (the local
 * cloud has already made it safe); it travels in an escaped attribute, never inside the script.
 */
export function renderSignInPage({ title, identities, next }: { title: string; identities: DemoIdentity[]; next: string }): string {
  const items = identities
    .map(
      (who) => `<li><button type="button" data-openid="${escapeHtml(who.openid)}">
        <span class="name">${escapeHtml(who.name)}</span>
        <span class="desc">${escapeHtml(who.description)}</span>
      </button>${who.hint ? `<p class="hint">${escapeHtml(who.hint)}</p>` : ''}</li>`,
    )
    .join('')
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>本地登录 · ${escapeHtml(title)}</title>
<style>
  body { margin: 0; font-family: -apple-system, "PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; background: #f6f6f6; color: #222; }
  header { background: #c8161d; color: #fff; padding: 24px 20px 20px; }
  header h1 { margin: 0 0 6px; font-size: 20px; }
  header p { margin: 0; font-size: 13px; opacity: .9; line-height: 1.5; }
  ul { list-style: none; margin: 16px; padding: 0; background: #fff; border-radius: 10px; overflow: hidden; }
  li + li { border-top: 1px solid #eee; }
  button { display: flex; width: 100%; justify-content: space-between; align-items: center; gap: 12px; padding: 14px 16px; border: 0; background: none; font-size: 16px; cursor: pointer; text-align: left; }
  button:active { background: #fbeaea; }
  .desc { color: #666; font-size: 13px; text-align: right; }
  .hint { margin: -6px 16px 12px; color: #666; font-size: 12px; line-height: 1.5; }
  .note { margin: 0 20px; color: #666; font-size: 12px; line-height: 1.6; }
  .error { color: #c8161d; margin: 0 20px; }
</style>
</head>
<body data-next="${escapeHtml(next)}">
<header>
  <h1>选择一个演示身份</h1>
  <p>这是本地云开发环境的登录页，用于在浏览器中体验${escapeHtml(title)}。正式小程序中，身份来自微信（OPENID），不会出现此页面。进入后可点右上角“切换身份”回到这里。</p>
</header>
<ul>${items || '<li><p class="note">没有可用的演示身份。</p></li>'}</ul>
<p class="error" id="error" hidden></p>
<p class="note">演示数据均为虚构。</p>
<script>
  const next = document.body.dataset.next || '/'
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

/**
 * A small "切换身份" link added to the served app, back to the identity picker with the current
 * page to return to. Only the local demo serves it; the app's own code knows nothing of it.
 */
export const switchIdentitySnippet = `<a id="demo-switch-identity" href="/localcloud/login" style="position:fixed;top:8px;right:8px;z-index:2147483647;padding:3px 10px;border-radius:12px;background:rgba(0,0,0,.45);color:#fff;font-size:12px;line-height:18px;text-decoration:none;font-family:sans-serif">切换身份</a>
<script>document.getElementById('demo-switch-identity').addEventListener('click',function(e){e.preventDefault();location.href='/localcloud/login?next='+encodeURIComponent(location.pathname+location.search)})</script>
`
