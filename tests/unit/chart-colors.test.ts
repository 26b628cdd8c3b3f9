import fs from 'node:fs'

describe('chart colours', () => {
  it('are all tokens of the theme', () => {
    const theme = fs.readFileSync(`${__dirname}/../../miniprogram/src/styles/_theme.scss`, 'utf8').toLowerCase()
    const source = fs.readFileSync(`${__dirname}/../../miniprogram/src/styles/chart-colors.ts`, 'utf8')
    const values = [...source.matchAll(/'(#[0-9a-fA-F]{6})'/g)].map((m) => m[1].toLowerCase())
    expect(values.length).toBeGreaterThan(4)
    for (const value of values) expect({ value, inTheme: theme.includes(value) }).toEqual({ value, inTheme: true })
  })
})
