/**
 * Charts draw on a canvas, so they take colours as values: these are tokens of _theme.scss
 * ($party-red, $status-green, $status-amber, $status-grey, $text-muted, $line), and a test keeps
 * every value here present there.
 */
export const chartColors = {
  primary: '#c8161d',
  green: '#2e9e5b',
  amber: '#e0a33a',
  grey: '#d9d4cf',
  axis: '#999999',
  grid: '#eeeae6',
}
