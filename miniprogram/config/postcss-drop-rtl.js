/**
 * NutUI styles its components a second time for right-to-left layouts (`.nut-rtl …`,
 * `[dir=rtl] …`, `…-rtl` classes), rules that only a <ConfigProvider direction="rtl"> switches on.
 * The app is Chinese, left to right, and has no ConfigProvider: those rules never match, so they
 * are left out of NutUI's CSS (1.6 KB of the main package's common.wxss).
 */
const rtlSelector = /\.nut-rtl\b|\[dir=["']?rtl["']?\]|\.[\w-]+-rtl\b/

module.exports = () => ({
  postcssPlugin: 'drop-nutui-rtl',
  Rule(rule) {
    const file = rule.source && rule.source.input && rule.source.input.file
    if (!file || !file.replace(/\\/g, '/').includes('/@nutui/')) return
    if (!rtlSelector.test(rule.selector)) return
    const kept = rule.selectors.filter((s) => !rtlSelector.test(s))
    if (kept.length) rule.selectors = kept
    else rule.remove()
  },
})
module.exports.postcss = true
