import { actions } from '../../shared/api/contract'
import { describeZodError } from '../../shared/api/validation'
import type { StudyTaskSummaryView } from '../../shared/api/areas/study'
import { defaultComplianceRules, requiredKinds } from '../../shared/domain/compliance'
import { leaveOpen, makeupOpen, meetingStarted, meetingTypes, scheduledMeetingTypes } from '../../shared/domain/meeting'
import { endAfterMove, freshMeetingTimes } from '../../shared/domain/meeting-form'
import { maxNotePhotos, minNoteCharacters, noteMinimum, noteTooShort, pastDue, taskBucket, taskProgress } from '../../shared/domain/study'
import { timeRunningLow } from '../../shared/domain/theory-test'
import { fromBeijing, msAfter, msUntil } from '../../shared/domain/time'
import { dueLine, taskBuckets } from '../../miniprogram/src/services/study'

/** The rules pages show, asked of shared/ with `now`, as the functions ask them. */

const bj = (text: string) => new Date(`${text}+08:00`)

describe('a note’s length and photos', () => {
  it('asks at least the floor of 10 字 whatever the task asks, and the task’s own number above it', () => {
    expect(noteMinimum(0)).toBe(minNoteCharacters)
    expect(noteMinimum(null)).toBe(10)
    expect(noteMinimum(800)).toBe(800)
  })

  it('says how far a short note is from its minimum, in the words the page and the function both show', () => {
    expect(noteTooShort(9, 0)).toBe('心得至少 10 字，现在 9 字')
    expect(noteTooShort(10, 0)).toBeNull()
    expect(noteTooShort(799, 800)).toBe('心得至少 800 字，现在 799 字')
  })

  it('refuses a tenth photo in the contract with the limit the page counts to', () => {
    const photos = (n: number) => Array.from({ length: n }, (_, i) => `cloud://env.bucket/notes/m1/p${i}.jpg`)
    const input = (n: number) => ({ taskId: null, title: '学习体会', body: '认真学习了全会精神', photos: photos(n) })
    expect(actions['study.saveNote'].input.safeParse(input(maxNotePhotos)).success).toBe(true)
    const refused = actions['study.saveNote'].input.safeParse(input(maxNotePhotos + 1))
    expect(!refused.success && describeZodError(refused.error).fields).toEqual({ photos: '最多 9 张照片' })
  })
})

describe('a task’s due date on the 学习 page', () => {
  const dueAt = fromBeijing('2026-07-01') // the end of 6月30日
  const task = (progress: 'due' | 'overdue' | 'returned' | 'submitted' | 'done' | null): StudyTaskSummaryView => ({
    id: `t-${progress}`,
    title: '学习全会精神',
    dueDate: '2026-06-30',
    dueAt: dueAt.toISOString(),
    noteRequired: true,
    minChars: 0,
    fromOrg: false,
    my: progress ? { progress, noteId: null, noteStatus: null, confirmedAt: null } : null,
  })

  it('is past at the first instant after the due date, as taskProgress decides', () => {
    expect(pastDue(dueAt, bj('2026-06-30T23:59:59'))).toBe(false)
    expect(pastDue(dueAt, bj('2026-07-01T00:00:00'))).toBe(true)
    expect(taskProgress({ noteRequired: true, dueAt }, { noteStatus: null, confirmedAt: null }, bj('2026-07-01T00:00:00'))).toBe('overdue')
  })

  it('lists a returned note as still to do before the date and as late after it', () => {
    expect(taskBucket('returned', dueAt, bj('2026-06-30T12:00:00'))).toBe('due')
    expect(taskBucket('returned', dueAt, bj('2026-07-01T08:00:00'))).toBe('overdue')
    expect(taskBucket('submitted', dueAt, bj('2026-07-01T08:00:00'))).toBe('done')
    const buckets = taskBuckets([task('due'), task('overdue'), task('returned'), task('submitted'), task('done'), task(null)], bj('2026-07-01T08:00:00'))
    expect({ due: buckets.due.map((t) => t.id), overdue: buckets.overdue.map((t) => t.id), done: buckets.done.map((t) => t.id) }).toEqual({
      due: ['t-due'],
      overdue: ['t-overdue', 't-returned'],
      done: ['t-submitted', 't-done'],
    })
  })

  it('names the due date itself and counts the days left in Beijing time', () => {
    expect(dueLine(task('due'), bj('2026-06-28T09:00:00'))).toBe('6月30日截止 · 还剩 2 天')
    expect(dueLine(task('due'), bj('2026-06-30T23:00:00'))).toBe('6月30日截止 · 今天截止')
    expect(dueLine(task('due'), bj('2026-07-01T00:00:00'))).toBe('已于6月30日截止')
  })
})

describe('a meeting’s start on its page', () => {
  const meeting = { startAt: bj('2026-12-08T16:00:00') }

  it('takes leave until the start, as the leave function refuses it after', () => {
    expect(leaveOpen(meeting, bj('2026-12-08T15:59:59'))).toBe(true)
    expect(leaveOpen(meeting, bj('2026-12-08T16:00:00'))).toBe(false)
    expect(meetingStarted({ startAt: meeting.startAt.toISOString() }, bj('2026-12-08T16:00:00').getTime())).toBe(true)
  })

  it('opens 补学 when the meeting ends, to the millisecond the function opens it', () => {
    const held = { endAt: bj('2026-12-08T17:00:00').toISOString() }
    expect(makeupOpen(held, bj('2026-12-08T16:59:59'))).toBe(false)
    expect(makeupOpen(held, bj('2026-12-08T17:00:00'))).toBe(true)
  })

  it('starts a new meeting at the next ten minutes at least ten minutes away, for an hour', () => {
    expect(freshMeetingTimes(bj('2026-12-08T15:51:00'))).toEqual({ startAt: bj('2026-12-08T16:10:00'), endAt: bj('2026-12-08T17:10:00') })
    expect(freshMeetingTimes(bj('2026-12-08T15:50:00'))).toEqual({ startAt: bj('2026-12-08T16:00:00'), endAt: bj('2026-12-08T17:00:00') })
  })

  it('keeps a meeting’s length when its start moves, across midnight too', () => {
    const before = { startAt: bj('2026-12-08T16:00:00'), endAt: bj('2026-12-08T17:30:00') }
    expect(endAfterMove(before, bj('2026-12-08T23:00:00'))).toEqual(bj('2026-12-09T00:30:00'))
    expect(endAfterMove({ startAt: before.endAt, endAt: before.endAt }, bj('2026-12-09T09:00:00'))).toEqual(bj('2026-12-09T10:00:00'))
  })
})

describe('the 三会一课 kinds', () => {
  it('are the meeting types held on a schedule, named once', () => {
    expect(requiredKinds).toBe(scheduledMeetingTypes)
    expect(meetingTypes.filter((t) => !(scheduledMeetingTypes as readonly string[]).includes(t))).toEqual(['groupStudy', 'theoryStudyGroup', 'seminar', 'visit', 'commendation', 'orgCommitteeMeeting', 'orgGeneralMeeting', 'other'])
    expect(Object.keys(defaultComplianceRules.frequency).sort()).toEqual([...scheduledMeetingTypes].sort())
  })
})

describe('countdowns to the server’s deadlines', () => {
  it('place a “valid for N ms” on this phone’s clock and count down to it', () => {
    const now = bj('2026-12-08T16:00:00')
    const deadline = msAfter(now, 15_000)
    expect(msUntil(deadline, now)).toBe(15_000)
    expect(msUntil(now, deadline)).toBe(-15_000)
  })

  it('turn the test’s clock red with five minutes left', () => {
    const deadline = bj('2026-12-08T16:30:00')
    expect(timeRunningLow(deadline, bj('2026-12-08T16:25:00'))).toBe(false)
    expect(timeRunningLow(deadline, bj('2026-12-08T16:25:01'))).toBe(true)
  })
})
