/**
 * The theme's colours that WeChat takes as strings in JavaScript (tab bar, navigation bar,
 * showModal's button). Values copied from _theme.scss; tests/unit/theme.test.ts keeps them equal.
 */
export const themeColors = {
  partyRed: '#c8161d',
  bg: '#f6f4f2',
  card: '#ffffff',
  textMuted: '#686664',
} as const

/**
 * Charts draw on a canvas, so they take colours as values: the theme's brand red, status colours
 * ($success held, $warning due soon, $danger missed), $line for what is not yet due and the grid,
 * $text-muted for the axes.
 */
export const chartColors = {
  primary: '#c8161d',
  green: '#1d7443',
  amber: '#9a5800',
  grey: '#eeeae6',
  axis: '#686664',
  grid: '#eeeae6',
} as const
