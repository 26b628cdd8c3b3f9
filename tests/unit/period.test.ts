import { normalizedPeriod, parsePeriod, periodBounds, periodKey, periodLabel, periodProblem, recordsNotice, recordsNoticeOfMany, requestedReportPeriod, type Period } from '../../shared/domain/period'

const now = new Date('2026-03-10T10:00:00+08:00')

describe('a period key', () => {
  it.each([
    ['2020', { kind: 'year', year: 2020 }],
    ['2020H1', { kind: 'half', year: 2020, half: 1 }],
    ['2020H2', { kind: 'half', year: 2020, half: 2 }],
    ['2020Q1', { kind: 'quarter', year: 2020, quarter: 1 }],
    ['2020-03', { kind: 'month', year: 2020, month: 3 }],
    ['2020-03-01~2020-06-15', { kind: 'range', from: '2020-03-01', to: '2020-06-15' }],
    ['2019-01-01~', { kind: 'since', from: '2019-01-01' }],
  ])('%s parses and prints back', (key, period) => {
    expect(parsePeriod(key)).toEqual(period)
    expect(periodKey(period as Period)).toBe(key)
  })

  it.each(['', '20', '2020H3', '2020Q5', '2020-13', '2020-02-30~2020-03-01', '2020-06-01~2020-05-31', '9999', 'year'])('refuses %j', (key) => {
    expect(parsePeriod(key)).toBeNull()
  })
})

describe('the instants a period covers, Beijing midnight to Beijing midnight', () => {
  it('a half year ends at Beijing midnight of 1 July', () => {
    const b = periodBounds({ kind: 'half', year: 2020, half: 1 }, now)
    expect(b.from.toISOString()).toBe('2019-12-31T16:00:00.000Z')
    expect(b.to.toISOString()).toBe('2020-06-30T16:00:00.000Z')
  })
  it('a quarter, a leap February and a range include their last day', () => {
    expect(periodBounds({ kind: 'quarter', year: 2020, quarter: 4 }, now).to.toISOString()).toBe('2020-12-31T16:00:00.000Z')
    expect(periodBounds({ kind: 'month', year: 2020, month: 2 }, now).to.toISOString()).toBe('2020-02-29T16:00:00.000Z')
    expect(periodBounds({ kind: 'range', from: '2020-03-01', to: '2020-03-01' }, now)).toEqual({ from: new Date('2020-03-01T00:00:00+08:00'), to: new Date('2020-03-02T00:00:00+08:00') })
  })
  it('"since" runs to the end of today in Beijing, also just after Beijing midnight', () => {
    expect(periodBounds({ kind: 'since', from: '2019-01-01' }, now).to).toEqual(new Date('2026-03-11T00:00:00+08:00'))
    const justAfterMidnight = new Date('2026-03-10T16:00:30Z') // 00:00:30 on 11 March in Beijing
    expect(periodBounds({ kind: 'since', from: '2019-01-01' }, justAfterMidnight).to).toEqual(new Date('2026-03-12T00:00:00+08:00'))
  })
})

describe('a period labelled as reports label it', () => {
  it.each([
    ['2020', '2020年'],
    ['2020H1', '2020年上半年'],
    ['2020H2', '2020年下半年'],
    ['2020Q1', '2020年第一季度'],
    ['2020-03', '2020年3月'],
    ['2019-01-01~', '2019年以来'],
    ['2019-09-01~', '2019年9月以来'],
    ['2019-09-05~', '2019年9月5日以来'],
    ['2020-03-01~2020-05-31', '2020年3月至5月'],
    ['2019-09-01~2020-01-31', '2019年9月至2020年1月'],
    ['2020-03-01~2020-06-15', '2020年3月1日至6月15日'],
    ['2019-09-01~2020-01-15', '2019年9月1日至2020年1月15日'],
    ['2020-03-08~2020-03-08', '2020年3月8日'],
  ])('%s is %s', (key, label) => {
    expect(periodLabel(parsePeriod(key)!)).toBe(label)
  })
})

describe('a request', () => {
  it('a range that is exactly a half, a quarter or a month is named as one', () => {
    expect(normalizedPeriod({ kind: 'range', from: '2020-01-01', to: '2020-06-30' })).toEqual({ kind: 'half', year: 2020, half: 1 })
    expect(normalizedPeriod({ kind: 'range', from: '2020-04-01', to: '2020-06-30' })).toEqual({ kind: 'quarter', year: 2020, quarter: 2 })
    expect(normalizedPeriod({ kind: 'range', from: '2020-02-01', to: '2020-02-29' })).toEqual({ kind: 'month', year: 2020, month: 2 })
    expect(normalizedPeriod({ kind: 'range', from: '2020-01-01', to: '2020-12-31' })).toEqual({ kind: 'year', year: 2020 })
  })
  it('names this year when it names nothing, a year, a range, or a key', () => {
    expect(requestedReportPeriod({}, now)).toEqual({ kind: 'year', year: 2026 })
    expect(requestedReportPeriod({ year: 2024 }, now)).toEqual({ kind: 'year', year: 2024 })
    expect(requestedReportPeriod({ from: '2024-01-01', to: '2024-03-31' }, now)).toEqual({ kind: 'quarter', year: 2024, quarter: 1 })
    expect(requestedReportPeriod({ period: '2019-01-01~' }, now)).toEqual({ kind: 'since', from: '2019-01-01' })
  })
  it('refuses a period not yet begun and one over ten years', () => {
    expect(periodProblem({ kind: 'year', year: 2027 }, now)).toBe('所选时段尚未开始')
    expect(periodProblem({ kind: 'since', from: '2016-01-01' }, now)).toBe('一次最多统计 10 年')
    expect(periodProblem({ kind: 'since', from: '2017-01-01' }, now)).toBeNull()
  })
})

describe('the notice of records that begin later than the period', () => {
  it('is said when the period starts before the branch\'s first complete day, and not otherwise', () => {
    expect(recordsNotice({ kind: 'year', year: 2025 }, '2025-09-01', now)).toBe('本支部自2025年9月1日起使用本系统记录，此前的数据为补录，可能不完整。')
    expect(recordsNotice({ kind: 'month', year: 2025, month: 9 }, '2025-09-01', now)).toBeNull()
    expect(recordsNotice({ kind: 'year', year: 2025 }, null, now)).toBeNull()
  })
})

describe('the notice of an organisation', () => {
  it('names each branch whose records begin after the period starts', () => {
    expect(
      recordsNoticeOfMany(
        { kind: 'half', year: 2025, half: 2 },
        [
          { name: '第一党支部', recordsFrom: '2025-09-01' },
          { name: '第二党支部', recordsFrom: '2025-01-01' },
          { name: '第三党支部', recordsFrom: '2025-10-08' },
        ],
        now,
      ),
    ).toBe('第一党支部自2025年9月1日起、第三党支部自2025年10月8日起使用本系统记录，此前的数据为补录，可能不完整。')
  })
})
