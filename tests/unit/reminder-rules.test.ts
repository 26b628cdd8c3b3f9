import {
  acceptanceChange,
  balanceKey,
  claimKey,
  classifySendError,
  abandonedClaimOutcome,
  isAbandonedClaim,
  maxSendAttempts,
  maxTemplatesPerRequest,
  meetingKindsDue,
  meetingRecipients,
  planSends,
  retryDelayMs,
  scanRanges,
  shiftReminderDue,
  studyTaskReminderDue,
  templateBinding,
  templateOfKind,
  kindsOfTemplate,
  templatesToAsk,
  testOpeningDue,
  askMoments,
  reminderKinds,
  type Balance,
  studyTaskDueContent,
  testOpeningAt,
  reachedNobody,
  followedSubjects,
} from '../../shared/domain/reminders'
import type { MeetingAudience } from '../../shared/domain/meeting'
import { subscribeTemplateIds } from '../../shared/config/subscribe-templates'

const bj = (text: string) => new Date(`${text}+08:00`)

describe('meeting reminders', () => {
  const m = { startAt: bj('2026-03-03T16:30:00'), status: 'published' as const }
  it('go the evening before, from 17:00 until 22:00', () => {
    expect(meetingKindsDue(m, bj('2026-03-02T16:59:59'))).toEqual([])
    expect(meetingKindsDue(m, bj('2026-03-02T17:00:00'))).toEqual(['meetingTomorrow'])
    expect(meetingKindsDue(m, bj('2026-03-02T21:59:59'))).toEqual(['meetingTomorrow'])
    expect(meetingKindsDue(m, bj('2026-03-02T22:00:00'))).toEqual([])
  })
  it('go again an hour before the start, until ten minutes before', () => {
    expect(meetingKindsDue(m, bj('2026-03-03T15:29:59'))).toEqual([])
    expect(meetingKindsDue(m, bj('2026-03-03T15:30:00'))).toEqual(['meetingSoon'])
    expect(meetingKindsDue(m, bj('2026-03-03T16:19:59'))).toEqual(['meetingSoon'])
    expect(meetingKindsDue(m, bj('2026-03-03T16:20:00'))).toEqual([])
  })
  it('count the day before on the Beijing calendar, also for a meeting just after midnight', () => {
    const early = { startAt: bj('2026-03-03T00:30:00'), status: 'published' as const }
    expect(meetingKindsDue(early, bj('2026-03-02T17:00:00'))).toEqual(['meetingTomorrow'])
    expect(meetingKindsDue(early, bj('2026-03-02T23:30:00'))).toEqual(['meetingSoon'])
  })
  it('are not sent for a draft or a cancelled meeting', () => {
    expect(meetingKindsDue({ ...m, status: 'draft' }, bj('2026-03-02T17:00:00'))).toEqual([])
    expect(meetingKindsDue({ ...m, status: 'cancelled' }, bj('2026-03-03T15:45:00'))).toEqual([])
  })
  it('reach the expected audience, not those on leave, and an hour before not those checked in', () => {
    const audience: MeetingAudience = { kind: 'group', groupId: 'g1', memberIds: [], allowObservers: true }
    const members = [
      { _id: 'a', groupId: 'g1', positions: [], category: 'full' as const },
      { _id: 'b', groupId: 'g1', positions: [], category: 'probationary' as const },
      { _id: 'c', groupId: 'g1', positions: [], category: 'activist' as const },
      { _id: 'd', groupId: 'g2', positions: [], category: 'full' as const },
      { _id: 'e', groupId: 'g1', positions: [], category: 'full' as const, status: 'transferredOut' as const },
      { _id: 'f', groupId: 'g1', positions: [], category: 'full' as const },
    ]
    const excluded = { onLeave: new Set(['b']), checkedIn: new Set(['f']) }
    expect(meetingRecipients({ audience }, members, excluded, 'meetingTomorrow')).toEqual(['a', 'f'])
    expect(meetingRecipients({ audience }, members, excluded, 'meetingSoon')).toEqual(['a'])
  })
})

describe('shift, study task and test reminders', () => {
  it('remind of a shift the evening before, unless it was cancelled', () => {
    const shift = { startAt: bj('2026-03-03T07:30:00'), cancelled: false }
    expect(shiftReminderDue(shift, bj('2026-03-02T17:00:00'))).toBe(true)
    expect(shiftReminderDue(shift, bj('2026-03-03T06:30:00'))).toBe(false)
    expect(shiftReminderDue({ ...shift, cancelled: true }, bj('2026-03-02T17:00:00'))).toBe(false)
  })
  it('remind of a task from 09:00 two days before its due day, in daytime, until an hour before', () => {
    const task = { dueAt: bj('2026-03-05T00:00:00'), publishedAt: bj('2026-02-20T00:00:00'), closed: false }
    expect(studyTaskReminderDue(task, bj('2026-03-02T08:59:00'))).toBe(false)
    expect(studyTaskReminderDue(task, bj('2026-03-02T09:00:00'))).toBe(true)
    expect(studyTaskReminderDue(task, bj('2026-03-02T22:00:00'))).toBe(false)
    expect(studyTaskReminderDue(task, bj('2026-03-03T08:00:00'))).toBe(true)
    expect(studyTaskReminderDue(task, bj('2026-03-04T21:59:00'))).toBe(true)
    expect(studyTaskReminderDue({ ...task, closed: true }, bj('2026-03-03T10:00:00'))).toBe(false)
    expect(studyTaskReminderDue({ ...task, publishedAt: null }, bj('2026-03-03T10:00:00'))).toBe(false)
    const dueAtFive = { ...task, dueAt: bj('2026-03-04T17:00:00') }
    expect(studyTaskReminderDue(dueAtFive, bj('2026-03-04T16:00:00'))).toBe(false)
  })
  it('ask for the note a task requires, or only for the studying when it requires none', () => {
    const task = { id: 't1', title: '学习四中全会精神', dueAt: bj('2026-03-05T00:00:00') }
    const now = bj('2026-03-03T09:00:00')
    const withNote = studyTaskDueContent({ ...task, noteRequired: true }, now)
    expect(withNote.body).toContain('你还没有提交心得')
    expect(withNote.link).toBe('packageStudy/task/index?id=t1')
    const studyOnly = studyTaskDueContent({ ...task, noteRequired: false }, now)
    expect(studyOnly.body).toContain('你还没有完成学习')
    expect(studyOnly.body).not.toContain('心得')
    expect(studyOnly.slots.note).toBe('还未完成学习，请在截止前完成')
  })
  it('tell of a test when it opens, or the next morning if it opens at night', () => {
    const test = { opensAt: bj('2026-03-01T23:00:00'), closesAt: bj('2026-03-08T22:00:00'), published: true }
    expect(testOpeningDue(test, bj('2026-03-01T23:00:00'))).toBe(false)
    expect(testOpeningDue(test, bj('2026-03-02T07:59:00'))).toBe(false)
    expect(testOpeningDue(test, bj('2026-03-02T08:00:00'))).toBe(true)
    expect(testOpeningDue(test, bj('2026-03-08T21:30:00'))).toBe(false)
    expect(testOpeningDue({ ...test, published: false }, bj('2026-03-02T09:00:00'))).toBe(false)
  })
  it('say when a test opening is told: at once in daytime, else the next morning at eight', () => {
    expect(testOpeningAt(bj('2026-03-02T10:00:00'))).toEqual(bj('2026-03-02T10:00:00'))
    expect(testOpeningAt(bj('2026-03-02T00:00:00'))).toEqual(bj('2026-03-02T08:00:00'))
    expect(testOpeningAt(bj('2026-03-02T22:30:00'))).toEqual(bj('2026-03-03T08:00:00'))
    // The instant it names is one at which the timer finds the opening due.
    const test = { opensAt: bj('2026-03-02T22:30:00'), closesAt: bj('2026-03-09T22:00:00'), published: true }
    expect(testOpeningDue(test, testOpeningAt(test.opensAt))).toBe(true)
  })
  it('look at a range of subjects that covers every window', () => {
    const now = bj('2026-03-02T17:00:00')
    const ranges = scanRanges(now)
    expect(ranges.meetingsStartingBetween.until.getTime()).toBe(bj('2026-03-04T00:00:00').getTime())
    expect(ranges.tasksDueBetween.until.getTime()).toBeGreaterThanOrEqual(bj('2026-03-05T00:00:00').getTime())
  })
})

describe('delivery', () => {
  it('counts a reminder as reaching nobody only when WeChat carried nothing and its copy in 消息 is unread', () => {
    const readAt = new Date('2026-03-03T08:00:00Z')
    for (const status of ['noQuota', 'refused', 'failed', 'unknown', 'unbound'] as const) {
      expect(reachedNobody({ status }, null)).toBe(true)
      expect(reachedNobody({ status }, readAt)).toBe(false)
    }
    // Sent, or not yet tried: nothing to tell the secretary.
    for (const status of ['sent', 'queued', 'claimed'] as const) expect(reachedNobody({ status }, null)).toBe(false)
  })

  it('shows each committee member the reminders of what they run', () => {
    expect(followedSubjects(['manageVolunteer'])).toEqual(['shift'])
    expect(followedSubjects(['reviewNotes'])).toEqual(['task', 'note', 'test'])
    expect(followedSubjects([])).toEqual([])
  })

  it('claims one reminder per kind, subject occurrence and member', () => {
    const subject = { type: 'meeting' as const, id: 'm1', version: '202603030830' }
    expect(claimKey({ kind: 'meetingTomorrow', subject, memberId: 'a' })).toBe('meetingTomorrow|meeting:m1@202603030830|a')
    expect(claimKey({ kind: 'meetingSoon', subject, memberId: 'a' })).not.toBe(claimKey({ kind: 'meetingTomorrow', subject, memberId: 'a' }))
    expect(claimKey({ kind: 'leaveDecided', subject: { type: 'meeting', id: 'm1' }, memberId: 'a' })).toBe('leaveDecided|meeting:m1|a')
  })

  it('never retries "no acceptance left", a switched-off user or a bad request', () => {
    for (const code of [43101, 20004, 47003, 40037, 41030, 40003, -604101]) expect(classifySendError({ errcode: code }).retry).toBe(false)
    expect(classifySendError({ errcode: 43101 }).status).toBe('noQuota')
    expect(classifySendError({ errcode: 20004 }).status).toBe('refused')
    expect(classifySendError({ errcode: 47003 }).status).toBe('failed')
    expect(classifySendError({ errcode: 99999 })).toMatchObject({ status: 'failed', retry: false })
  })

  it('retries when WeChat is busy or the connection never opened, and not when the request may have gone', () => {
    expect(classifySendError({ errcode: -1 })).toMatchObject({ retry: true })
    expect(classifySendError({ errcode: 45011 })).toMatchObject({ retry: true })
    expect(classifySendError({ message: 'connect ECONNREFUSED 127.0.0.1:80' })).toMatchObject({ retry: true })
    expect(classifySendError({ errcode: -501002, message: 'socket hang up' })).toMatchObject({ status: 'unknown', retry: false })
    expect(classifySendError({ message: 'ETIMEDOUT' })).toMatchObject({ status: 'unknown', retry: false })
  })

  it('backs off with growing, bounded delays', () => {
    expect(maxSendAttempts).toBeLessThanOrEqual(5)
    const low = [1, 2, 3, 4, 5, 6].map((a) => retryDelayMs(a, 0))
    const high = [1, 2, 3, 4, 5, 6].map((a) => retryDelayMs(a, 0.999))
    expect(low).toEqual([...low].sort((a, b) => a - b))
    expect(Math.max(...high)).toBeLessThanOrEqual(6_000)
    expect(low[0]).toBeGreaterThan(0)
  })

  it('treats a claim past its lease as abandoned: back to the queue if its send never started, unknown if it did', () => {
    const now = bj('2026-03-02T17:00:00')
    expect(isAbandonedClaim({ status: 'claimed', leaseUntil: bj('2026-03-02T16:59:59') }, now)).toBe(true)
    expect(isAbandonedClaim({ status: 'claimed', leaseUntil: bj('2026-03-02T17:00:01') }, now)).toBe(false)
    expect(isAbandonedClaim({ status: 'sent', leaseUntil: bj('2026-03-02T16:00:00') }, now)).toBe(false)
    expect(abandonedClaimOutcome({ sendingAt: null })).toBe('queued')
    expect(abandonedClaimOutcome({})).toBe('queued')
    expect(abandonedClaimOutcome({ sendingAt: bj('2026-03-02T16:58:00') })).toBe('unknown')
  })
})

describe('acceptances', () => {
  it('count one message per acceptance, and note "always keep" as such', () => {
    expect(acceptanceChange('accept', null, false)).toEqual({ add: 1, longTermAccepted: null, always: null })
    expect(acceptanceChange('acceptWithAudio', 'accept', false)).toEqual({ add: 1, longTermAccepted: null, always: 'accept' })
    expect(acceptanceChange('reject', 'reject', false)).toEqual({ add: 0, longTermAccepted: null, always: 'reject' })
    expect(acceptanceChange('ban', null, false).add).toBe(0)
    expect(acceptanceChange('filter', null, false).add).toBe(0)
    expect(acceptanceChange('accept', null, true)).toEqual({ add: 0, longTermAccepted: true, always: null })
  })

  it('spend an acceptance on the soonest reminder and send the rest to the inbox only', () => {
    const balances = new Map<string, Balance>([
      [balanceKey('o-a', 'T1'), { remaining: 1, longTermAccepted: false }],
      [balanceKey('o-b', 'T1'), { remaining: 0, longTermAccepted: false }],
      [balanceKey('o-c', 'T1'), { remaining: 0, longTermAccepted: true }],
    ])
    const plan = planSends(
      [
        { openid: 'o-a', templateId: 'T1' },
        { openid: 'o-a', templateId: 'T1' },
        { openid: 'o-b', templateId: 'T1' },
        { openid: 'o-c', templateId: 'T1' },
        { openid: 'o-c', templateId: 'T1' },
        { openid: null, templateId: 'T1' },
        { openid: 'o-d', templateId: 'T1' },
      ],
      balances,
    )
    expect(plan).toEqual(['send', 'noQuota', 'noQuota', 'send', 'send', 'unbound', 'noQuota'])
  })
})

describe('templates', () => {
  it('cover every kind of reminder, each with one template', () => {
    for (const kind of reminderKinds) expect(kindsOfTemplate(templateOfKind(kind))).toContain(kind)
  })
  it('are asked for at most 3 at a time, never mixing one-time and long-term, never those always refused', () => {
    for (const moment of Object.keys(askMoments) as Array<keyof typeof askMoments>) {
      const asked = templatesToAsk(moment)
      expect(asked.length).toBeGreaterThan(0)
      expect(asked.length).toBeLessThanOrEqual(maxTemplatesPerRequest)
      expect(new Set(asked.map((t) => t.longTerm)).size).toBe(1)
    }
    expect(templatesToAsk('afterLeaveRequest', new Set(['leaveResult'])).map((t) => t.key)).toEqual(['meetingReminder'])
    expect(templateBinding('meetingReminder').id).toBeTruthy()
  })
  it('switch to a long-term template where the config says the account has one, asked apart from one-time ones', () => {
    const config = subscribeTemplateIds.reviewResult
    config.longTerm = true
    try {
      expect(templateBinding('reviewResult').longTerm).toBe(true)
      // studyTask asks for studyReminder, reviewResult, testReminder: one request holds one kind.
      expect(templatesToAsk('studyTask').map((t) => t.key)).toEqual(['studyReminder', 'testReminder'])
      expect(templatesToAsk('studyTask', new Set(), ['reviewResult'])).toEqual([{ key: 'reviewResult', id: config.id, longTerm: true }])
      // Accepted once, it stays accepted and no count is kept.
      expect(acceptanceChange('accept', 'accept', templateBinding('reviewResult').longTerm)).toEqual({ add: 0, longTermAccepted: true, always: 'accept' })
    } finally {
      config.longTerm = false
    }
  })
})
