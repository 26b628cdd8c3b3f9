import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'

/*
 * The volunteer pages show the rules the server keeps (cancel, leave the line, swap, remove,
 * check in, confirm hours, edit the shift) by asking shared/domain/volunteer.ts, never by working
 * a window out from raw minutes: a page that did would drift from the server the day a rule moves.
 */

const root = path.resolve(__dirname, '../../miniprogram/src')
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name)
    return statSync(full).isDirectory() ? files(full) : /\.tsx?$/.test(name) ? [full] : []
  })
const volunteerModules = [...files(path.join(root, 'packageVolunteer')), path.join(root, 'services', 'volunteer.ts'), path.join(root, 'pages', 'volunteer', 'index.tsx')]

/** Milliseconds written out as minutes or hours: `30 * 60_000`, `60 * 60 * 1000`, `2 * minuteMs`. */
const rawWindow = /\d+\s*\*\s*(60_?000|60\s*\*\s*1_?000|minuteMs|hourMs)\b/

it('has no volunteer page or service that works out a time window from raw minutes', () => {
  const offenders = volunteerModules.flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .map((line, i) => ({ line, at: `${path.relative(root, file)}:${i + 1}` }))
      .filter(({ line }) => rawWindow.test(line) && !line.trim().startsWith('//'))
      .map(({ at, line }) => `${at} ${line.trim()}`),
  )
  expect(offenders).toEqual([])
})

it('catches the shape it looks for', () => {
  expect(rawWindow.test('now >= Date.parse(shift.startAt) - 30 * 60_000')).toBe(true)
  expect(rawWindow.test('const closes = end + 2 * hourMs')).toBe(true)
  expect(rawWindow.test("shiftCheckinWindow(times, at).state === 'open'")).toBe(false)
})
