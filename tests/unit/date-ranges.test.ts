import { dueDateProblem, testWindowProblem } from '../../shared/domain/date-ranges'

const now = new Date('2026-09-01T08:00:00+08:00')
const at = (text: string) => new Date(text)

describe('a theory test window', () => {
  it('may open up to a day ago and close up to a year from now, Beijing calendar', () => {
    expect(testWindowProblem(at('2026-08-31T08:00:00+08:00'), at('2027-09-01T08:00:00+08:00'), now)).toBeNull()
  })
  it('refuses opening more than a day ago', () => {
    expect(testWindowProblem(at('2026-08-31T07:59:59+08:00'), at('2026-09-02T08:00:00+08:00'), now)).toEqual({ field: 'opensAt', message: '开始时间不能早于昨天' })
  })
  it('refuses closing later than a year from now, 9999 included', () => {
    expect(testWindowProblem(now, at('2027-09-01T08:00:01+08:00'), now)).toEqual({ field: 'closesAt', message: '结束时间应在一年以内' })
    expect(testWindowProblem(now, at('9999-12-31T23:59:59Z'), now)?.field).toBe('closesAt')
  })
})

describe('a study task due date', () => {
  it('may fall up to two years from now', () => {
    expect(dueDateProblem(at('2028-09-01T08:00:00+08:00'), now)).toBeNull()
  })
  it('refuses later dates, 9999 included', () => {
    expect(dueDateProblem(at('2028-09-02T00:00:00+08:00'), now)).toEqual({ field: 'dueDate', message: '截止日期应在两年以内' })
    expect(dueDateProblem(at('9999-12-31T23:59:59+08:00'), now)?.field).toBe('dueDate')
  })
})
