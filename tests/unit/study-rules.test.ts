import {
  applyNoteEvent,
  contentVerdict,
  dueInstant,
  historyActionOf,
  mayRemind,
  noteStatuses,
  pendingMembers,
  taskProgress,
  yearCounts,
  type NoteEvent,
  type NoteState,
  type NoteStatus,
  type TaskRecord,
  defaultNoteTitle,
} from '../../shared/domain/study'

const author = 'member-author'
const reviewer = 'member-reviewer'
const note = (status: NoteStatus, patch: Partial<NoteState> = {}): NoteState => ({ status, grade: status === 'approved' ? 'pass' : null, shared: false, authorId: author, ...patch })

describe('the note state machine', () => {
  it('takes a note from draft through return and resubmission to 优秀', () => {
    let state = note('draft')
    const step = (event: NoteEvent, by: string) => {
      const t = applyNoteEvent(state, event, by)
      if (!t.ok) throw new Error(t.code)
      state = t.next
      return state.status
    }
    expect(step({ type: 'save' }, author)).toBe('draft')
    expect(step({ type: 'submit' }, author)).toBe('submitted')
    expect(step({ type: 'return', comment: '请结合教学实际' }, reviewer)).toBe('returned')
    expect(step({ type: 'save' }, author)).toBe('returned')
    expect(step({ type: 'submit' }, author)).toBe('resubmitted')
    expect(step({ type: 'return', comment: '再具体些' }, reviewer)).toBe('returned')
    expect(step({ type: 'submit' }, author)).toBe('resubmitted')
    expect(step({ type: 'approve', grade: 'excellent' }, reviewer)).toBe('approved')
    expect(state.grade).toBe('excellent')
    step({ type: 'share' }, author)
    expect(state.shared).toBe(true)
    step({ type: 'unshare' }, author)
    expect(state.shared).toBe(false)
  })

  // Every state × every event: the legal moves and, for every other one, its own refusal.
  const events: NoteEvent[] = [{ type: 'save' }, { type: 'submit' }, { type: 'approve', grade: 'pass' }, { type: 'return', comment: '改' }, { type: 'share' }, { type: 'unshare' }]
  const expected: Record<NoteStatus, Record<NoteEvent['type'], NoteStatus | string>> = {
    draft: { save: 'draft', submit: 'submitted', approve: 'NOTE.NOT_SUBMITTED', return: 'NOTE.NOT_SUBMITTED', share: 'NOTE.NOT_APPROVED', unshare: 'NOTE.NOT_SHARED' },
    submitted: { save: 'NOTE.UNDER_REVIEW', submit: 'NOTE.ALREADY_SUBMITTED', approve: 'approved', return: 'returned', share: 'NOTE.NOT_APPROVED', unshare: 'NOTE.NOT_SHARED' },
    returned: { save: 'returned', submit: 'resubmitted', approve: 'NOTE.AWAITING_REVISION', return: 'NOTE.AWAITING_REVISION', share: 'NOTE.NOT_APPROVED', unshare: 'NOTE.NOT_SHARED' },
    resubmitted: { save: 'NOTE.UNDER_REVIEW', submit: 'NOTE.ALREADY_SUBMITTED', approve: 'approved', return: 'returned', share: 'NOTE.NOT_APPROVED', unshare: 'NOTE.NOT_SHARED' },
    approved: { save: 'NOTE.ALREADY_APPROVED', submit: 'NOTE.ALREADY_APPROVED', approve: 'NOTE.ALREADY_REVIEWED', return: 'NOTE.ALREADY_REVIEWED', share: 'NOTE.NOT_EXCELLENT', unshare: 'NOTE.NOT_SHARED' },
  }
  it.each(noteStatuses.flatMap((s) => events.map((e) => [s, e.type, e] as const)))('%s + %s', (status, _type, event) => {
    const by = event.type === 'approve' || event.type === 'return' ? reviewer : author
    const t = applyNoteEvent(note(status), event, by)
    expect(t.ok ? t.next.status : t.code).toBe(expected[status][event.type])
  })

  it('refuses a reviewer deciding on their own note', () => {
    expect(applyNoteEvent(note('submitted', { authorId: reviewer }), { type: 'approve', grade: 'excellent' }, reviewer)).toEqual({ ok: false, code: 'NOTE.OWN_NOTE' })
    expect(applyNoteEvent(note('resubmitted', { authorId: reviewer }), { type: 'return', comment: '改' }, reviewer)).toEqual({ ok: false, code: 'NOTE.OWN_NOTE' })
  })

  it('shares only an 优秀 note, once, and withdraws only a shared one', () => {
    const excellent = note('approved', { grade: 'excellent' })
    expect(applyNoteEvent(excellent, { type: 'share' }, author).ok).toBe(true)
    expect(applyNoteEvent({ ...excellent, shared: true }, { type: 'share' }, author)).toEqual({ ok: false, code: 'NOTE.ALREADY_SHARED' })
    expect(applyNoteEvent({ ...excellent, shared: true }, { type: 'unshare' }, author).ok).toBe(true)
    expect(applyNoteEvent(excellent, { type: 'unshare' }, author)).toEqual({ ok: false, code: 'NOTE.NOT_SHARED' })
  })

  it('clears the grade when a note is returned', () => {
    const t = applyNoteEvent(note('submitted'), { type: 'return', comment: '改' }, reviewer)
    expect(t.ok && t.next.grade).toBe(null)
  })

  it('names resubmission apart from a first submission in the history, and keeps no saves', () => {
    expect(historyActionOf({ type: 'submit' }, 'draft')).toBe('submit')
    expect(historyActionOf({ type: 'submit' }, 'returned')).toBe('resubmit')
    expect(historyActionOf({ type: 'save' }, 'draft')).toBe(null)
  })
})

describe('the content check verdict', () => {
  it('passes only when every piece passes', () => {
    expect(contentVerdict([{ suggest: 'pass' }, { suggest: 'pass' }])).toBe('pass')
  })
  it('holds for a person when any piece needs review', () => {
    expect(contentVerdict([{ suggest: 'pass' }, { suggest: 'review' }])).toBe('review')
  })
  it('refuses when any piece is risky, even if another failed', () => {
    expect(contentVerdict([{ failed: 'timeout' }, { suggest: 'risky', label: 20006 }])).toBe('risky')
  })
  it('holds for a person when the check failed or timed out, rather than letting it through', () => {
    expect(contentVerdict([{ suggest: 'pass' }, { failed: 'timeout' }])).toBe('unchecked')
    expect(contentVerdict([{ failed: 'errcode -1' }])).toBe('unchecked')
  })
})

describe('study tasks', () => {
  // Due 2026-03-20: overdue from 00:00 on 21 March, Beijing time.
  const task = { noteRequired: true, dueAt: dueInstant('2026-03-20') }
  const none: TaskRecord = { noteStatus: null, confirmedAt: null }
  const at = (iso: string) => new Date(`${iso}+08:00`)

  it('is due until the end of the Beijing due date, then overdue', () => {
    expect(dueInstant('2026-03-20').toISOString()).toBe('2026-03-20T16:00:00.000Z')
    expect(taskProgress(task, none, at('2026-03-20T23:59:59'))).toBe('due')
    expect(taskProgress(task, none, at('2026-03-21T00:00:00'))).toBe('overdue')
  })

  it('is done when the note is approved, waiting when it is with the reviewer, and owed again when returned', () => {
    const late = at('2026-04-01T09:00:00')
    expect(taskProgress(task, { noteStatus: 'approved', confirmedAt: null }, late)).toBe('done')
    expect(taskProgress(task, { noteStatus: 'submitted', confirmedAt: null }, late)).toBe('submitted')
    expect(taskProgress(task, { noteStatus: 'resubmitted', confirmedAt: null }, late)).toBe('submitted')
    expect(taskProgress(task, { noteStatus: 'returned', confirmedAt: null }, late)).toBe('returned')
    expect(taskProgress(task, { noteStatus: 'draft', confirmedAt: null }, late)).toBe('overdue')
  })

  it('is done by confirming the study when no note is required', () => {
    const reading = { noteRequired: false, dueAt: task.dueAt }
    expect(taskProgress(reading, { noteStatus: null, confirmedAt: at('2026-03-19T10:00:00') }, at('2026-03-25T10:00:00'))).toBe('done')
    expect(taskProgress(task, { noteStatus: null, confirmedAt: at('2026-03-19T10:00:00') }, at('2026-03-25T10:00:00'))).toBe('overdue')
  })

  it('lists who in the audience has not handed in, and how far they got', () => {
    const members = [
      { _id: 'a', groupId: 'g1', category: 'full' as const },
      { _id: 'b', groupId: 'g1', category: 'probationary' as const },
      { _id: 'c', groupId: 'g2', category: 'full' as const },
      { _id: 'd', groupId: 'g1', category: 'activist' as const },
      { _id: 'e', groupId: 'g1', category: 'full' as const },
    ]
    const records = new Map<string, TaskRecord>([
      ['a', { noteStatus: 'submitted', confirmedAt: null }],
      ['b', { noteStatus: 'draft', confirmedAt: null }],
      ['e', { noteStatus: 'returned', confirmedAt: null }],
    ])
    const branchTask = { noteRequired: true, audience: { kind: 'branch' as const, groupId: null, memberIds: [] } }
    expect(pendingMembers(branchTask, members, records).map((p) => [p.member._id, p.state])).toEqual([
      ['b', 'draft'],
      ['c', 'notStarted'],
      ['e', 'returned'],
    ])
    const groupTask = { noteRequired: true, audience: { kind: 'group' as const, groupId: 'g1', memberIds: [] } }
    expect(pendingMembers(groupTask, members, records).map((p) => p.member._id)).toEqual(['b', 'e'])
    const chosen = { noteRequired: true, audience: { kind: 'members' as const, groupId: null, memberIds: ['d', 'a'] } }
    expect(pendingMembers(chosen, members, records).map((p) => p.member._id)).toEqual(['d'])
  })

  it('lets the same people be reminded again only after six hours', () => {
    const first = at('2026-03-18T09:00:00')
    expect(mayRemind(null, first)).toBe(true)
    expect(mayRemind(first, at('2026-03-18T14:59:59'))).toBe(false)
    expect(mayRemind(first, at('2026-03-18T15:00:00'))).toBe(true)
  })
})

describe('a member’s year in study', () => {
  it('counts tasks due in the Beijing year, notes by first submission, and 优秀 among them', () => {
    const tasks = [
      { _id: 't1', dueAt: dueInstant('2026-03-20'), noteRequired: true },
      { _id: 't2', dueAt: dueInstant('2026-06-30'), noteRequired: false },
      { _id: 't3', dueAt: dueInstant('2026-12-31'), noteRequired: true }, // due 23:59 on 31 Dec Beijing: still 2026
      { _id: 't4', dueAt: dueInstant('2025-12-31'), noteRequired: true },
    ]
    const records = new Map<string, TaskRecord>([
      ['t1', { noteStatus: 'approved', confirmedAt: null }],
      ['t2', { noteStatus: null, confirmedAt: new Date('2026-06-01T02:00:00Z') }],
      ['t3', { noteStatus: 'draft', confirmedAt: null }],
    ])
    const notes = [
      { firstSubmittedAt: new Date('2026-03-10T02:00:00Z'), status: 'approved' as const, grade: 'excellent' as const },
      { firstSubmittedAt: new Date('2026-05-10T02:00:00Z'), status: 'approved' as const, grade: 'pass' as const },
      { firstSubmittedAt: new Date('2025-12-31T17:00:00Z'), status: 'approved' as const, grade: 'excellent' as const }, // 1 Jan 2026, 01:00 Beijing
      { firstSubmittedAt: new Date('2025-12-31T15:00:00Z'), status: 'approved' as const, grade: 'excellent' as const }, // still 2025 in Beijing
      { firstSubmittedAt: null, status: 'draft' as const, grade: null },
    ]
    expect(yearCounts(2026, tasks, records, notes)).toEqual({ year: 2026, tasks: 3, tasksDone: 2, notes: 3, excellent: 2 })
  })
})

describe('a note’s starting title', () => {
  it('names the task once, not 学习“学习…”心得', () => {
    expect(defaultNoteTitle('二十届三中全会精神')).toBe('学习“二十届三中全会精神”心得')
    expect(defaultNoteTitle('学习二十届三中全会精神')).toBe('学习二十届三中全会精神心得')
    expect(defaultNoteTitle('党纪学习教育心得体会')).toBe('党纪学习教育心得体会')
  })
})
