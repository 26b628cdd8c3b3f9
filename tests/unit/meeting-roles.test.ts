import type { MeetingAudience } from '../../shared/domain/meeting'
import {
  abilitiesOf,
  decidesLeave,
  mayDecideLeave,
  mayManageMeeting,
  mayReadMinutes,
  mayRecordMinutes,
  mayReviewMeetingAttendance,
  mayRunCheckin,
  runsMeetings,
  type MeetingCaller,
  type MeetingRoleFacts,
} from '../../shared/domain/meeting-roles'

const caller = (overrides: Partial<MeetingCaller> = {}): MeetingCaller => ({ id: 'm1', groupId: 'g1', category: 'full', positions: [], capabilities: [], ...overrides })
const audience = (overrides: Partial<MeetingAudience> = {}): MeetingAudience => ({ kind: 'branch', groupId: null, memberIds: [], allowObservers: false, ...overrides })
const meeting = (overrides: Partial<MeetingRoleFacts> = {}): MeetingRoleFacts => ({ type: 'themedPartyDay', audience: audience(), hostId: null, recorderId: null, status: 'published', ...overrides })

const secretary = caller({ id: 'sec', positions: ['secretary'], capabilities: ['manageRoster', 'manageMeetings', 'approveLeave', 'reviewAttendance'] })
const leader = caller({ id: 'lead', groupId: 'g1', positions: ['groupLeader'] })
const member = caller({ id: 'mem' })
const ownGroupMeeting = meeting({ type: 'groupMeeting', audience: audience({ kind: 'group', groupId: 'g1' }) })
const otherGroupMeeting = meeting({ type: 'groupMeeting', audience: audience({ kind: 'group', groupId: 'g2' }) })

describe('who runs a meeting', () => {
  it('is whoever manages meetings, and a group leader for their own group’s 党小组会 only', () => {
    expect(mayManageMeeting(secretary, meeting())).toBe(true)
    expect(mayManageMeeting(leader, ownGroupMeeting)).toBe(true)
    expect(mayManageMeeting(leader, otherGroupMeeting)).toBe(false)
    expect(mayManageMeeting(leader, meeting())).toBe(false)
    expect(mayManageMeeting(member, meeting())).toBe(false)
  })

  it('lets its host and recorder run check-in and see its attendance, but not edit it', () => {
    const hosted = meeting({ hostId: 'mem' })
    expect(mayRunCheckin(member, hosted)).toBe(true)
    expect(mayReviewMeetingAttendance(member, hosted)).toBe(true)
    expect(mayManageMeeting(member, hosted)).toBe(false)
    expect(mayRunCheckin(member, meeting())).toBe(false)
    expect(mayReviewMeetingAttendance(caller({ capabilities: ['reviewAttendance'] }), meeting())).toBe(true)
  })

  it('shows 新建会议 to meeting managers and group leaders', () => {
    expect([secretary, leader, member].map(runsMeetings)).toEqual([true, true, false])
  })
})

describe('who decides leave', () => {
  it('is whoever approves leave, and a group leader for their own group’s 党小组会', () => {
    expect(mayDecideLeave(secretary, otherGroupMeeting)).toBe(true)
    expect(mayDecideLeave(leader, ownGroupMeeting)).toBe(true)
    expect(mayDecideLeave(leader, otherGroupMeeting)).toBe(false)
    expect(mayDecideLeave(member, meeting())).toBe(false)
    expect([secretary, leader, member].map(decidesLeave)).toEqual([true, true, false])
  })
})

describe('who records and reads the minutes', () => {
  const committee = meeting({ type: 'committeeMeeting', audience: audience({ kind: 'committee' }), recorderId: 'mem' })

  it('lets the recorder and whoever runs it write them', () => {
    expect(mayRecordMinutes(member, committee)).toBe(true)
    expect(mayRecordMinutes(secretary, committee)).toBe(true)
    expect(mayRecordMinutes(caller({ id: 'other' }), committee)).toBe(false)
  })

  it('keeps a 支委会’s record to the committee, its recorder and those who review attendance', () => {
    const publicity = caller({ id: 'pub', positions: ['publicityCommittee'] })
    expect(mayReadMinutes(publicity, committee)).toBe(true)
    expect(mayReadMinutes(caller({ id: 'other' }), committee)).toBe(false)
    expect(mayReadMinutes(caller({ id: 'other', capabilities: ['reviewAttendance'] }), committee)).toBe(true)
  })

  it('shows a draft’s record only to those who record it', () => {
    const draft = meeting({ status: 'draft' })
    expect(mayReadMinutes(member, draft)).toBe(false)
    expect(mayReadMinutes(secretary, draft)).toBe(true)
    expect(mayReadMinutes(member, meeting())).toBe(true)
  })
})

describe('what a member can do, in words', () => {
  it('says what a 党小组长 does for their group, rather than calling them an ordinary member', () => {
    expect(abilitiesOf({ positions: ['groupLeader'], capabilities: [] })).toEqual(['组织本组党小组会（签到、考勤）', '审批本组党小组会请假'])
    expect(abilitiesOf({ positions: [], capabilities: [] })).toEqual([])
    expect(abilitiesOf({ positions: ['groupLeader'], capabilities: ['manageMeetings', 'approveLeave'] })).toEqual(['管理会议', '审批请假'])
  })
})
