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
