import { actions } from '../../shared/api/contract'
import { describeZodError } from '../../shared/api/validation'
import { meetingDraftProblems, meetingMessages, meetingTimeProblem, type MeetingDraft } from '../../shared/domain/meeting-form'

const bj = (text: string) => new Date(`${text}+08:00`)
const draft = (overrides: Partial<MeetingDraft> = {}): MeetingDraft => ({
  title: '十二月主题党日',
  venue: '会议室',
  startAt: bj('2026-12-08T16:30:00'),
  endAt: bj('2026-12-08T17:30:00'),
  audience: { kind: 'branch', groupId: null, memberIds: [] },
  agenda: ['学习党章'],
  checkin: { opensBeforeMinutes: 30, lateAfterMinutes: 5, geofence: null },
  ...overrides,
})

describe('the meeting form', () => {
  it('accepts a complete meeting', () => {
    expect(meetingDraftProblems(draft())).toEqual({})
  })

  it('names every field that is wrong, in the words the function uses', () => {
    expect(
      meetingDraftProblems(
        draft({
          title: ' 会 ',
          venue: ' ',
          endAt: bj('2026-12-08T16:00:00'),
          audience: { kind: 'group', groupId: null, memberIds: [] },
          checkin: { opensBeforeMinutes: 241, lateAfterMinutes: Number.NaN, geofence: { radiusMeters: 20 } },
        }),
      ),
    ).toEqual({
      title: '会议名称至少 2 个字',
      venue: '请填写地点',
      endAt: '结束时间应晚于开始时间',
      'audience.groupId': '请选择党小组',
      'checkin.opensBeforeMinutes': '请填写 0–240 之间的整数',
      'checkin.lateAfterMinutes': '请填写 0–120 之间的整数',
      'checkin.geofence.radiusMeters': meetingMessages.radius,
    })
  })

  it('keeps a meeting within a day', () => {
    expect(meetingTimeProblem(bj('2026-12-08T08:00:00'), bj('2026-12-09T08:00:00'))).toBeNull()
    expect(meetingTimeProblem(bj('2026-12-08T08:00:00'), bj('2026-12-09T08:01:00'))).toBe('一次会议不能超过 24 小时')
  })

  it('is the rule the function’s input schema applies, message for message', () => {
    const input = {
      type: 'themedPartyDay',
      title: '会',
      startAt: '2026-12-08T16:30:00+08:00',
      endAt: '2026-12-08T17:30:00+08:00',
      venue: '会议室',
      audience: { kind: 'branch', groupId: null, memberIds: [], allowObservers: false },
      hostId: null,
      recorderId: null,
      agenda: [],
      checkin: { opensBeforeMinutes: 241, lateAfterMinutes: 5, allowStaticCode: false, geofence: null },
      publish: true,
    }
    const parsed = actions['meeting.create'].input.safeParse(input)
    expect(parsed.success).toBe(false)
    if (parsed.success) return
    const { fields } = describeZodError(parsed.error)
    const local = meetingDraftProblems(draft({ title: '会', checkin: { opensBeforeMinutes: 241, lateAfterMinutes: 5, geofence: null } }))
    expect(fields).toEqual(local)
  })
})
