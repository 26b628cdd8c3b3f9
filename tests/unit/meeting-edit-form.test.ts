import type { MeetingView, MeView } from '../../shared/api/contract'
import { createInput, formOf, formProblems, freshForm, updateInput, withStart, withType } from '../../miniprogram/src/packageMeeting/edit/form'

const bj = (text: string) => new Date(`${text}+08:00`).getTime()
const member = (capabilities: NonNullable<MeView['member']>['capabilities'], positions: NonNullable<MeView['member']>['positions'] = []): MeView => ({
  openidBound: true,
  member: { id: 'm1', name: '李红梅', category: 'full', positions, phoneMasked: '', joinedPartyAt: null, branch: { id: 'b1', name: '支部' }, group: { id: 'g1', name: '一组' }, capabilities },
  orgAdmin: null,
  pendingJoin: null,
  joinRejected: null,
})
const secretary = member(['manageMeetings'], ['secretary'])
const leader = member([], ['groupLeader'])

describe('the meeting edit form', () => {
  it('starts a new meeting at the next ten minutes at least ten minutes away, for an hour, hosted by me', () => {
    const form = freshForm(secretary, bj('2026-12-08T16:03:00'))
    expect(form).toMatchObject({ startDate: '2026-12-08', startTime: '16:20', endDate: '2026-12-08', endTime: '17:20', hostId: 'm1', type: 'themedPartyDay', audienceKind: 'branch' })
    expect(freshForm(leader, bj('2026-12-08T16:03:00'))).toMatchObject({ type: 'groupMeeting', audienceKind: 'group', groupId: 'g1' })
  })

  it('keeps the meeting’s length when its start moves, across midnight too', () => {
    const form = freshForm(secretary, bj('2026-12-08T16:03:00'))
    expect(withStart(form, '2026-12-08', '23:30')).toMatchObject({ endDate: '2026-12-09', endTime: '00:30' })
  })

  it('lets the audience follow the type, and a group leader only their group', () => {
    const form = freshForm(secretary, bj('2026-12-08T16:03:00'))
    expect(withType(form, 'committeeMeeting', secretary).audienceKind).toBe('committee')
    expect(withType(form, 'groupMeeting', secretary)).toMatchObject({ audienceKind: 'group', groupId: 'g1' })
    expect(withType(form, 'partyLecture', leader).audienceKind).toBe('group')
  })

  it('finds the problems the function would, before sending', () => {
    const form = { ...freshForm(secretary, bj('2026-12-08T16:03:00')), title: '会', venue: '', opensBefore: '半小时' }
    expect(formProblems(form)).toEqual({ title: '会议名称至少 2 个字', venue: '请填写地点', 'checkin.opensBeforeMinutes': '请填写 0–240 之间的整数' })
  })

  it('sends a new meeting whole, and of a saved one only what changed of time, type and audience', () => {
    const form = { ...freshForm(secretary, bj('2026-12-08T16:03:00')), title: '主题党日', venue: '会议室', agenda: [' 学习党章 ', ''] }
    const created = createInput(form, true)
    expect(created).toMatchObject({ title: '主题党日', startAt: '2026-12-08T08:20:00.000Z', agenda: ['学习党章'], checkin: { opensBeforeMinutes: 30, lateAfterMinutes: 5 }, publish: true })
    const saved: MeetingView = {
      id: 'x',
      type: created.type,
      title: created.title,
      startAt: created.startAt,
      endAt: created.endAt,
      venue: created.venue,
      subject: null,
      backfilled: null,
      status: 'published',
      myRole: 'expected',
      myStatus: null,
      myCheckedInAt: null,
      myLeave: null,
      canManage: true,
      canRunCheckin: true,
      window: { state: 'notOpen', opensAt: created.startAt, closesAt: created.endAt },
      audience: { ...created.audience, groupName: null },
      host: { id: 'm1', name: '李红梅' },
      recorder: null,
      agenda: created.agenda,
      checkin: created.checkin,
      cancelReason: null,
    }
    const unchanged = updateInput(formOf(saved), saved)
    expect(unchanged).not.toHaveProperty('startAt')
    expect(unchanged).not.toHaveProperty('audience')
    expect(updateInput(withStart(formOf(saved), '2026-12-08', '19:00'), saved)).toMatchObject({ startAt: '2026-12-08T11:00:00.000Z', endAt: '2026-12-08T12:00:00.000Z' })
  })
})
