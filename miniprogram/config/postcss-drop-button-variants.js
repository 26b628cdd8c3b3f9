/**
 * NutUI's Button styles every type (primary, success, info, warning, danger, default), size
 * (mini to xlarge) and fill (solid, outline, dashed, none), each also disabled: 13 KB of the main
 * package's common.wxss. The app's buttons use a few of them (tests/unit/button-variants.test.ts
 * reads every <Button> and fails if one asks for a variant listed here): the rest are left out.
 */
const unusedVariants = {
  type: ['success', 'info', 'warning'],
  size: ['xlarge', 'mini'],
  fill: ['dashed'],
}

const words = Object.values(unusedVariants).flat().join('|')
/** A selector naming one of those variants: `.nut-button-info`, `.nut-button-primary-dashed-disabled`, `.nut-button-mini .nut-icon`. */
const unusedSelector = new RegExp(`\\.nut-button-(?:[a-z]+-)?(?:${words})\\b`)

module.exports = () => ({
  postcssPlugin: 'drop-unused-button-variants',
  Rule(rule) {
    const file = rule.source && rule.source.input && rule.source.input.file
    if (!file || !/[\\/]@nutui[\\/].*[\\/]button[\\/]/.test(file)) return
    if (!unusedSelector.test(rule.selector)) return
    const kept = rule.selectors.filter((s) => !unusedSelector.test(s))
    if (kept.length) rule.selectors = kept
    else rule.remove()
  },
})
module.exports.postcss = true
module.exports.unusedVariants = unusedVariants
module.exports.unusedSelector = unusedSelector
