/**
 * Lets the browser fetch the current page's chunks while the entry still downloads, and the tab
 * pages' chunks when it is idle. Taro's router imports a page only after the entry has run, so
 * without this a cold page waits for two rounds of script downloads before its first call.
 *
 * index.html gets a small inline script with the chunk files of each main-package page (the tabs and
 * the pages a link opens: pages/…); it preloads the files of the page in the address bar and
 * prefetches the others'. Subpackage pages are left to load on demand.
 */
import HtmlWebpackPlugin from 'html-webpack-plugin'
import type { Compiler } from 'webpack'

export class PagePreloadPlugin {
  /**
   * @param options.home the page `/` opens, as in app.config (no leading slash)
   * @param options.firstCalls each tab page's first action (called with `{}`)
   */
  constructor(private readonly options: { home: string; firstCalls: Record<string, string> }) {}

  apply(compiler: Compiler) {
    compiler.hooks.compilation.tap('PagePreloadPlugin', (compilation) => {
      HtmlWebpackPlugin.getHooks(compilation).alterAssetTagGroups.tap('PagePreloadPlugin', (data) => {
        const publicPath = compilation.outputOptions.publicPath === 'auto' ? '/' : compilation.outputOptions.publicPath || '/'
        const filesOf: Record<string, string[]> = {}
        for (const group of compilation.chunkGroups) {
          if (group.isInitial()) continue
          const request = group.origins.map((o) => (typeof o.request === 'string' ? o.request.replace(/\\/g, '/') : '')).find((r) => /(^|\/)pages\/[^/]+\/index$/.test(r))
          if (!request) continue
          const page = request.slice(request.lastIndexOf('pages/'))
          const files = new Set(filesOf[page] || [])
          for (const chunk of group.chunks) {
            // Chunks the entry already loads are in the page's group too: skip them.
            if (chunk.isOnlyInitial() || chunk.canBeInitial()) continue
            for (const file of chunk.files) if (/\.(js|css)$/.test(file)) files.add(publicPath + file)
          }
          filesOf[page] = [...files].sort()
        }
        const script = `(function(d,m,t,c){var p=location.pathname.replace(/^\\/+|\\/+$/g,'')||t,seen={};function l(r,h){if(seen[h])return;seen[h]=1;var e=d.createElement('link');e.rel=r;e.href=h;if(r==='preload')e.as=/\\.css$/.test(h)?'style':'script';d.head.appendChild(e)}(m[p]||[]).forEach(function(h){l('preload',h)});var a=c[p];if(a&&window.fetch)window.__firstCall={at:Date.now(),name:a.slice(0,a.indexOf('.')),action:a,response:fetch('/gateway/call',{method:'POST',credentials:'same-origin',headers:{'content-type':'application/json'},body:JSON.stringify({name:a.slice(0,a.indexOf('.')),data:{action:a,input:{}}})})};Object.keys(m).forEach(function(q){if(q!==p)m[q].forEach(function(h){l('prefetch',h)})})})(document,${JSON.stringify(filesOf)},${JSON.stringify(this.options.home)},${JSON.stringify(this.options.firstCalls)})`
        data.headTags.push({ tagName: 'script', voidTag: false, innerHTML: script, attributes: {}, meta: { plugin: 'PagePreloadPlugin' } })
        return data
      })
    })
  }
}
