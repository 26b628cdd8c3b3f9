import { nextFireTime } from '../../localcloud/runner/runner'

describe('timer trigger cron (7 fields, Beijing time)', () => {
  it('fires at 08:00 Beijing time, which is 00:00 UTC', () => {
    const next = nextFireTime('0 0 8 * * * *', new Date('2026-11-21T23:00:00Z'))
    expect(next?.toISOString()).toBe('2026-11-22T00:00:00.000Z')
  })

  it('moves to the next Beijing day once 08:00 has passed', () => {
    const next = nextFireTime('0 0 8 * * * *', new Date('2026-11-22T00:00:01Z'))
    expect(next?.toISOString()).toBe('2026-11-23T00:00:00.000Z')
  })

  it('runs every five minutes', () => {
    const next = nextFireTime('0 */5 * * * * *', new Date('2026-11-22T01:02:03Z'))
    expect(next?.toISOString()).toBe('2026-11-22T01:05:00.000Z')
  })

  it('honours the year field', () => {
    expect(nextFireTime('0 0 8 1 1 * 2028', new Date('2026-11-22T00:00:00Z'))?.toISOString()).toBe('2028-01-01T00:00:00.000Z')
    expect(nextFireTime('0 0 8 1 1 * 2025', new Date('2026-11-22T00:00:00Z'))).toBeUndefined()
  })

  it('refuses an expression without 7 fields', () => {
    expect(() => nextFireTime('0 */5 * * * *', new Date())).toThrow(/7 cron fields/)
  })
})
