import { computeFigures, emptyRecords, yearPeriod } from '../../shared/domain/figures'
import { studyTaskDueContent, templateData } from '../../shared/domain/reminders'
import { dueDateOf, dueDayWords, dueInstant, taskProgress } from '../../shared/domain/study'
import { fromBeijing } from '../../shared/domain/time'

/**
 * A study task is due by the end of its Beijing date. Stored as that date and the instant after
 * it (the next midnight), it is told, listed and counted as the date itself: at 23:59 Beijing on
 * the day it is still due, at 00:00 the next day it is overdue, and no message names the day after.
 */
describe('a due date at the Beijing day boundary', () => {
  const dueAt = dueInstant('2026-12-18')

  it('ends at 00:00 Beijing the next day, and reads back as the due date itself', () => {
    expect(dueAt.toISOString()).toBe('2026-12-18T16:00:00.000Z')
    expect(dueDateOf(dueAt)).toBe('2026-12-18')
    expect(dueDayWords(dueAt, fromBeijing('2026-12-01'))).toBe('12月18日')
  })

  it('is due at 23:59 on the day and overdue at 00:00 after it', () => {
    const none = { noteStatus: null, confirmedAt: null }
    expect(taskProgress({ noteRequired: false, dueAt }, none, fromBeijing('2026-12-18', '23:59'))).toBe('due')
    expect(taskProgress({ noteRequired: false, dueAt }, none, fromBeijing('2026-12-19', '00:00'))).toBe('overdue')
  })

  it('is named by its own date in the reminder, its subscribe message included', () => {
    const content = studyTaskDueContent({ id: 't', title: '学习党章', dueAt: dueInstant('2026-12-20'), noteRequired: true }, fromBeijing('2026-12-18', '09:00'))
    expect(content.body).toBe('学习任务“学习党章”将于12月20日（后天）截止，你还没有提交心得。')
    expect(templateData('studyReminder', content.slots).time2.value).toMatch(/^2026年12月20日 23:59$/)
  })

  it('counts in the year of its date: due 12月31日 is that year’s, not the next', () => {
    const records = { ...emptyRecords, studyTasks: [{ id: 'last', title: '年终学习', dueDate: '2026-12-31' }, { id: 'first', title: '新年学习', dueDate: '2027-01-01' }] }
    const now = fromBeijing('2027-02-01')
    expect(computeFigures(records, yearPeriod(2026), now).study.tasks.ids).toEqual(['last'])
    expect(computeFigures(records, yearPeriod(2027), now).study.tasks.ids).toEqual(['first'])
  })
})
