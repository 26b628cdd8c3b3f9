import {
  addMonths,
  amountForMonths,
  basisFor,
  firstDuesMonth,
  isOverdue,
  monthOf,
  monthlyDuesFen,
  paymentProblem,
  quarterEnd,
  standingOf,
  unpaidMonths,
  unpaidRun,
  yuanToFen,
  type BaseEntry,
  type DuesMember,
} from '../../shared/domain/dues'
import { fromBeijing } from '../../shared/domain/time'

const working = (yuan: string) => monthlyDuesFen({ kind: 'working', baseFen: yuanToFen(yuan) as number })
const retired = (yuan: string) => monthlyDuesFen({ kind: 'retired', baseFen: yuanToFen(yuan) as number })

describe('the monthly amount (规定 第二条: each upper boundary belongs to the lower bracket)', () => {
  test.each([
    ['0.00', 0],
    ['2000.00', 1000], // 10.00 元
    ['3000.00', 1500], // 含 3000: 0.5 % → 15.00
    ['3000.01', 3000], // above 3000: 1 % → 30.0001, half up to 30.00
    ['5000.00', 5000], // 含 5000: 1 % → 50.00
    ['5000.01', 7500], // 1.5 % → 75.00015 → 75.00
    ['10000.00', 15000], // 含 10000: 1.5 % → 150.00
    ['10000.01', 20000], // 2 % → 200.0002 → 200.00
    ['12345.67', 24691], // 2 % → 246.9134 → 246.91
  ])('in work, a base of %s 元 pays %i 分', (base, fen) => {
    expect(working(base)).toBe(fen)
  })

  test.each([
    ['4000.00', 2000], // 0.5 %
    ['5000.00', 2500], // 含 5000: 0.5 %
    ['5000.01', 5000], // above: 1 % → 50.0001 → 50.00
    ['8000.00', 8000],
  ])('retired, a pension of %s 元 pays %i 分', (base, fen) => {
    expect(retired(base)).toBe(fen)
  })

  test('half up to the 分: 3456.78 × 1 % = 34.5678 → 34.57; 2999.90 × 0.5 % = 14.9995 → 15.00', () => {
    expect(working('3456.78')).toBe(3457)
    expect(working('2999.90')).toBe(1500)
    expect(working('2998.99')).toBe(1499) // 14.99495 → 14.99
  })

  test('students and members without income pay 0.2 元 whatever base is entered', () => {
    expect(monthlyDuesFen({ kind: 'minimum', baseFen: 0 })).toBe(20)
    expect(monthlyDuesFen({ kind: 'minimum', baseFen: 800_000 })).toBe(20)
  })

  test('a hardship reduction approved by the 上级党委 replaces the computed amount, exemption included', () => {
    expect(monthlyDuesFen({ kind: 'working', baseFen: 600_000, reducedFen: 1000 })).toBe(1000)
    expect(monthlyDuesFen({ kind: 'working', baseFen: 600_000, reducedFen: 0 })).toBe(0)
  })

  test('amounts are read as 元 with at most two decimals', () => {
    expect(yuanToFen('3000')).toBe(300_000)
    expect(yuanToFen('3000.5')).toBe(300_050)
    expect(yuanToFen('3000.555')).toBeNull()
    expect(yuanToFen('-1')).toBeNull()
    expect(yuanToFen('三千')).toBeNull()
  })
})

describe('bases over time (规定 第十条: a new pay applies from its month)', () => {
  const entries: BaseEntry[] = [
    { fromMonth: '2025-01', kind: 'working', baseFen: 480_000 }, // 48.00 a month
    { fromMonth: '2025-07', kind: 'working', baseFen: 520_000 }, // 78.00 from July
    { fromMonth: '2026-01', kind: 'working', baseFen: 500_000 }, // 50.00 from January
  ]
  test('the base in force is the latest taking effect on or before the month', () => {
    expect(basisFor(entries, '2024-12')).toBeNull()
    expect(basisFor(entries, '2025-06')?.baseFen).toBe(480_000)
    expect(basisFor(entries, '2025-07')?.baseFen).toBe(520_000)
    expect(basisFor(entries, '2026-03')?.baseFen).toBe(500_000)
  })
  test('months across a change and a year boundary add up each under its own base', () => {
    expect(amountForMonths(entries, ['2025-06', '2025-07', '2025-12', '2026-01'])).toBe(4800 + 7800 + 7800 + 5000)
  })
})

describe('who owes, and the 3-, 5- and 6-month rules', () => {
  const monthly: DuesMember = { firstMonth: '2025-01', quarterly: false }
  const paidThrough = (last: string) => new Set(['2025-01', '2025-02', '2025-03', '2025-04', '2025-05', '2025-06', '2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12'].filter((m) => m <= last))

  test('a month is due within itself and overdue from the 1st of the next, Beijing time', () => {
    expect(isOverdue(monthly, '2025-12', fromBeijing('2025-12-31', '23:59'))).toBe(false)
    expect(isOverdue(monthly, '2025-12', fromBeijing('2026-01-01', '00:00'))).toBe(true)
    // 2025-12-31T16:30Z is already 1 January in Beijing.
    expect(isOverdue(monthly, '2025-12', new Date('2025-12-31T16:30:00Z'))).toBe(true)
  })

  test('the run counts back from the last overdue month across the new year', () => {
    const paid = paidThrough('2025-09')
    expect(unpaidRun(monthly, paid, fromBeijing('2026-01-10')).length).toBe(3) // Oct, Nov, Dec
    expect(standingOf(3)).toBe('warn3')
    expect(unpaidRun(monthly, paid, fromBeijing('2026-03-01'))).toEqual(['2025-10', '2025-11', '2025-12', '2026-01', '2026-02'])
    expect(standingOf(5)).toBe('warn5')
    expect(unpaidRun(monthly, paid, fromBeijing('2026-04-01')).length).toBe(6)
    expect(standingOf(6)).toBe('lapsed')
    expect(standingOf(2)).toBe('ok')
    expect(standingOf(4)).toBe('warn3')
  })

  test('a paid month breaks the run; the current month is owed but not yet late', () => {
    const paid = new Set([...paidThrough('2025-09'), '2025-11'])
    expect(unpaidRun(monthly, paid, fromBeijing('2026-01-10'))).toEqual(['2025-12'])
    expect(unpaidMonths(monthly, paid, fromBeijing('2026-01-10'))).toEqual(['2025-10', '2025-12', '2026-01'])
  })

  test('quarterly payment with consent: a quarter is late only once it is over', () => {
    const quarterly: DuesMember = { firstMonth: '2025-01', quarterly: true }
    const paid = paidThrough('2025-09')
    expect(quarterEnd('2025-10')).toBe('2025-12')
    expect(quarterEnd('2025-12')).toBe('2025-12')
    expect(quarterEnd('2026-01')).toBe('2026-03')
    expect(unpaidRun(quarterly, paid, fromBeijing('2025-12-20'))).toEqual([])
    expect(unpaidRun(quarterly, paid, fromBeijing('2026-01-02')).length).toBe(3)
    expect(unpaidRun(quarterly, paid, fromBeijing('2026-03-31')).length).toBe(3)
    expect(unpaidRun(quarterly, paid, fromBeijing('2026-04-01')).length).toBe(6)
  })

  test('a 预备党员 owes from the month of the 支部党员大会 that admitted them, not before', () => {
    expect(firstDuesMonth('2025-01', fromBeijing('2025-11-20'))).toBe('2025-11')
    expect(firstDuesMonth('2025-01', fromBeijing('2020-05-01'))).toBe('2025-01')
    expect(firstDuesMonth('2025-01', null)).toBe('2025-01')
    // 2025-10-31T17:00Z is 1 November in Beijing: the meeting was held in November.
    expect(firstDuesMonth('2025-01', new Date('2025-10-31T17:00:00Z'))).toBe('2025-11')
    const probationary: DuesMember = { firstMonth: '2025-11', quarterly: false }
    expect(unpaidMonths(probationary, new Set(), fromBeijing('2026-01-05'))).toEqual(['2025-11', '2025-12', '2026-01'])
    expect(unpaidRun(probationary, new Set(), fromBeijing('2026-01-05'))).toEqual(['2025-11', '2025-12'])
    expect(paymentProblem(probationary, ['2025-10'], new Set(), fromBeijing('2026-01-05'), fromBeijing('2026-01-05'))).toBe('DUES.BEFORE_FIRST_MONTH')
  })
})

describe('补交 reaches back at most 6 months (规定 第十二条)', () => {
  const monthly: DuesMember = { firstMonth: '2024-01', quarterly: false }
  const now = fromBeijing('2026-02-15')
  test('paid in February 2026: August 2025 is the oldest month it may cover', () => {
    expect(addMonths('2026-02', -6)).toBe('2025-08')
    expect(paymentProblem(monthly, ['2025-08', '2025-09'], new Set(), now, now)).toBeNull()
    expect(paymentProblem(monthly, ['2025-07', '2025-08'], new Set(), now, now)).toBe('DUES.BACKPAY_TOO_OLD')
  })
  test('the window follows the date paid, not the day it is recorded', () => {
    expect(paymentProblem(monthly, ['2025-07'], new Set(), fromBeijing('2026-01-30'), now)).toBeNull()
    expect(paymentProblem(monthly, ['2025-01'], new Set(), fromBeijing('2026-03-01'), now)).toBe('DUES.DATE_IN_FUTURE')
  })
  test('ahead: a monthly payer pays the current month, a quarterly one the rest of the quarter', () => {
    expect(paymentProblem(monthly, ['2026-02'], new Set(), now, now)).toBeNull()
    expect(paymentProblem(monthly, ['2026-03'], new Set(), now, now)).toBe('DUES.TOO_EARLY')
    const quarterly: DuesMember = { firstMonth: '2024-01', quarterly: true }
    expect(paymentProblem(quarterly, ['2026-01', '2026-02', '2026-03'], new Set(), now, now)).toBeNull()
    expect(paymentProblem(quarterly, ['2026-04'], new Set(), now, now)).toBe('DUES.TOO_EARLY')
  })
  test('a month already paid is refused', () => {
    expect(paymentProblem(monthly, ['2026-01'], new Set(['2026-01']), now, now)).toBe('DUES.ALREADY_PAID')
  })
  test('months are Beijing months', () => {
    expect(monthOf(new Date('2026-01-31T16:00:00Z'))).toBe('2026-02')
  })
})
