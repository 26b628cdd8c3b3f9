import type { MeView, MyDataExport } from '../../shared/api/contract'
import { maskPhone } from '../../shared/domain/member'
import { capabilitiesOf } from '../../shared/domain/permissions'
import type { BranchDoc, JoinRequestDoc, OrgAdminDoc, OrgDoc } from '../../shared/domain/documents'
import { boundMember } from '../_lib/actor'
import type { Db } from '../_lib/db'
import { defineFunction } from '../_lib/handler'
import { requireOpenid } from '../_lib/identity'
import { writeWorkbook } from '../_lib/excel'
import { storeGenerated } from '../_lib/files'
import { newId } from '../_lib/db'
import { generatedPaths, uploadPurposeLabels } from '../../shared/domain/storage'
import { noteGradeLabels, noteHistoryLabels, noteStatusLabels } from '../../shared/domain/study'
import { formatAnswer, resultsVisible, totalPoints } from '../../shared/domain/theory-test'
import { deliveryStatusLabels } from '../../shared/domain/reminders/delivery'
import { reminderKindLabels, templateLabels } from '../../shared/domain/reminders/templates'
import { formatFullDate } from '../../shared/domain/time'
import { myDataWorkbook } from './mydata'
import { personalRecords } from './records'

/**
 * Who an identity is: three lookups in parallel, one operation each — the binding with its
 * member, branch and group; an organisation admin with its organisation; a join request with
 * its branch.
 */
async function me(db: Db, openid: string): Promise<MeView> {
  const [bound, [admin], [request]] = await Promise.all([
    boundMember(db, openid),
    db.aggregate<OrgAdminDoc & { org: OrgDoc[] }>('orgAdmins', [{ $match: { _id: openid } }, { $lookup: { from: 'orgs', localField: 'orgId', foreignField: '_id', as: 'org' } }]),
    db.aggregate<JoinRequestDoc & { branch: BranchDoc[] }>('joinRequests', [{ $match: { _id: openid } }, { $lookup: { from: 'branches', localField: 'branchId', foreignField: '_id', as: 'branch' } }]),
  ])
  const orgAdmin = admin ? { orgId: admin.orgId, orgName: admin.org[0]?.name ?? '', name: admin.name } : null
  let pendingJoin: MeView['pendingJoin'] = null
  let joinRejected: MeView['joinRejected'] = null
  if (request && request.status !== 'bound') {
    const branchName = request.branch[0]?.name ?? ''
    if (request.status === 'pending') pendingJoin = { requestId: request._id, branchName, submittedAt: request.submittedAt.toISOString() }
    else joinRejected = { branchName, comment: request.comment, decidedAt: (request.decidedAt ?? request.submittedAt).toISOString() }
  }
  if (!bound) return { openidBound: false, member: null, orgAdmin, pendingJoin, joinRejected }
  const { member, branch, group } = bound
  return {
    openidBound: true,
    member: {
      id: member._id,
      name: member.name,
      category: member.category,
      positions: member.positions,
      phoneMasked: maskPhone(member.phone),
      joinedPartyAt: member.joinedPartyAt ?? null,
      branch: { id: member.branchId, name: branch?.name ?? '' },
      group: group ? { id: group._id, name: group.name } : null,
      capabilities: capabilitiesOf(member),
    },
    orgAdmin,
    pendingJoin,
    joinRejected,
  }
}

/** Everything the app holds about an identity (个人信息保护法: a person may see and copy it). */
async function myData(db: Db, openid: string, now: Date): Promise<MyDataExport> {
  const view = await me(db, openid)
  const [history, request] = await Promise.all([
    view.member ? db.all('memberHistory', { memberId: view.member.id }, ['at', 'asc']) : Promise.resolve([]),
    db.get('joinRequests', openid),
  ])
  const requestBranch = request ? await db.get('branches', request.branchId) : null
  const memberId = view.member?.id
  const [attendance, changes, leaves, makeups, inbox, places, placeChanges] = memberId
    ? await Promise.all([
        db.all('attendance', { memberId }),
        db.all('attendanceLog', { memberId }, ['at', 'asc']),
        db.all('leaveRequests', { memberId }),
        db.all('makeups', { memberId }),
        db.all('inbox', { memberId }, ['createdAt', 'asc']),
        db.all('signups', { memberId }, ['startAt', 'asc']),
        db.all('shiftLog', { memberId }, ['at', 'asc']),
      ])
    : [[], [], [], [], [], [], []]
  const study = memberId ? await studyData(db, memberId, now) : emptyStudy
  const records = memberId ? await personalRecords(db, memberId) : { appraisals: [], dues: null, duesPayments: [], development: null }
  const shiftIds = [...new Set([...places, ...placeChanges].map((d) => d.shiftId))]
  const shifts = shiftIds.length ? await db.all('shifts', { _id: { $in: shiftIds } }) : []
  const shiftTitle = (id: string) => shifts.find((s) => s._id === id)?.activityTitle ?? ''
  const meetingIds = [...new Set([...attendance, ...changes, ...leaves, ...makeups].map((d) => d.meetingId))]
  const meetings = meetingIds.length ? await db.all('meetings', { _id: { $in: meetingIds } }) : []
  const titleOf = (id: string) => meetings.find((m) => m._id === id)?.title ?? ''
  const startOf = (id: string) => {
    const m = meetings.find((x) => x._id === id)
    return m ? m.startAt.toISOString() : null
  }
  const iso = (d: Date | null | undefined) => (d?.toISOString() ?? null)
  return {
    exportedAt: now.toISOString(),
    identity: { note: '你的微信以一个只在本小程序中有效的编号保存，仅用于识别你是哪位成员，不含微信昵称、头像或聊天信息。' },
    member: view.member,
    history: history.map((h) => ({ at: h.at.toISOString(), byName: h.byName, action: h.action, note: h.note })),
    joinRequests: request
      ? [{ branchName: requestBranch?.name ?? '', name: request.name, phoneMasked: maskPhone(request.phone), status: request.status, submittedAt: request.submittedAt.toISOString() }]
      : [],
    attendance: attendance.map((a) => ({ meetingTitle: titleOf(a.meetingId), startAt: startOf(a.meetingId), status: a.status, checkedInAt: iso(a.checkedInAt), method: a.method, distanceMeters: a.distanceMeters })),
    attendanceChanges: changes.map((c) => ({ meetingTitle: titleOf(c.meetingId), at: iso(c.at) as string, byName: c.byName, before: c.before, after: c.after, reason: c.reason })),
    leaveRequests: leaves.map((l) => ({ meetingTitle: titleOf(l.meetingId), reason: l.reason, status: l.status, comment: l.comment, requestedAt: iso(l.requestedAt) as string })),
    makeups: makeups.map((m) => ({ meetingTitle: titleOf(m.meetingId), status: m.status, note: m.note, completedAt: iso(m.completedAt) })),
    inbox: inbox.map((m) => ({ title: m.title, body: m.body, createdAt: iso(m.createdAt) as string, read: Boolean(m.readAt) })),
    volunteer: places.map((p) => ({ activityTitle: shiftTitle(p.shiftId), startAt: iso(p.startAt) as string, endAt: iso(p.endAt) as string, status: p.status, checkInAt: iso(p.checkInAt), checkOutAt: iso(p.checkOutAt), hours: p.hours, hoursStatus: p.hoursStatus, confirmedBy: p.confirmedBy })),
    volunteerChanges: placeChanges.map((l) => ({ activityTitle: shiftTitle(l.shiftId), at: iso(l.at) as string, kind: l.kind, byName: l.byName, before: l.before, after: l.after, reason: l.reason })),
    ...study,
    ...records,
  }
}

type StudyData = Pick<MyDataExport, 'notes' | 'studyConfirmations' | 'testAttempts' | 'reminders' | 'subscriptions' | 'uploads'>
const emptyStudy: StudyData = { notes: [], studyConfirmations: [], testAttempts: [], reminders: [], subscriptions: [], uploads: [] }

/**
 * The person's notes, confirmations, test attempts, reminders, acceptances and uploads. A score
 * is shown once the test's results are out, as the test page shows it: before, it would tell a
 * colleague still taking the test which answers were right.
 */
async function studyData(db: Db, memberId: string, now: Date): Promise<StudyData> {
  const [notes, confirmations, attempts, reminders, subscriptions, uploads] = await Promise.all([
    db.all('notes', { memberId }, ['createdAt', 'asc']),
    db.all('studyCompletions', { memberId }, ['confirmedAt', 'asc']),
    db.all('testAttempts', { memberId }, ['startedAt', 'asc']),
    db.all('reminders', { memberId }, ['at', 'asc']),
    db.all('subscriptions', { memberId }),
    db.all('uploads', { memberId }, ['createdAt', 'asc']),
  ])
  const taskIds = [...new Set([...notes.flatMap((n) => (n.taskId ? [n.taskId] : [])), ...confirmations.map((c) => c.taskId)])]
  const testIds = [...new Set(attempts.map((a) => a.testId))]
  const [tasks, tests] = await Promise.all([
    taskIds.length ? db.all('studyTasks', { _id: { $in: taskIds } }) : Promise.resolve([]),
    testIds.length ? db.all('theoryTests', { _id: { $in: testIds } }) : Promise.resolve([]),
  ])
  const taskTitle = (id: string | null) => (id ? (tasks.find((t) => t._id === id)?.title ?? '') : null)
  const iso = (d: Date | null | undefined) => (d?.toISOString() ?? null)
  return {
    notes: notes.map((n) => ({
      title: n.title,
      taskTitle: taskTitle(n.taskId),
      status: noteStatusLabels[n.status],
      grade: n.grade ? noteGradeLabels[n.grade] : null,
      characters: n.characters,
      body: n.body,
      photos: n.photos.length,
      shared: n.shared,
      returnComment: n.returnComment,
      submittedAt: iso(n.submittedAt),
      reviewedAt: iso(n.reviewedAt),
      updatedAt: iso(n.updatedAt) as string,
      history: n.history.map((h) => ({ at: iso(h.at) as string, byName: h.byName, action: noteHistoryLabels[h.action], comment: h.comment })),
    })),
    studyConfirmations: confirmations.map((c) => ({ taskTitle: taskTitle(c.taskId) ?? '', confirmedAt: iso(c.confirmedAt) as string })),
    testAttempts: attempts.map((a) => {
      const test = tests.find((t) => t._id === a.testId)
      const questions = test?.questions ?? []
      const times = test ? { opensAt: test.opensAt, closesAt: test.closesAt, timeLimitMinutes: test.timeLimitMinutes } : null
      const visible = times ? resultsVisible(times, now) : false
      return {
        testTitle: test?.title ?? '',
        status: a.status === 'submitted' ? (a.autoSubmitted ? '到时自动交卷' : '已交卷') : '作答中',
        startedAt: iso(a.startedAt) as string,
        submittedAt: iso(a.submittedAt),
        autoSubmitted: a.autoSubmitted,
        answers: questions.map((q, i) => ({ question: `${i + 1}. ${q.stem}`, answer: formatAnswer(q, a.answers[q.id]) })),
        score: visible ? (a.score ?? a.objective) : null,
        totalPoints: totalPoints(questions),
        resultsFrom: times && !visible ? times.closesAt.toISOString() : null,
      }
    }),
    reminders: reminders.map((r) => ({ subjectTitle: r.subjectTitle, kind: reminderKindLabels[r.kind] ?? r.kind, at: iso(r.at) as string, status: deliveryStatusLabels[r.status] ?? r.status, reason: r.reason })),
    subscriptions: subscriptions.map((x) => ({
      template: templateLabels[x.template] ?? x.template,
      remaining: x.remaining,
      accepted: x.accepted,
      spent: x.spent,
      always: x.always === 'accept' ? '总是允许' : x.always === 'reject' ? '总是拒绝' : null,
      updatedAt: iso(x.updatedAt) as string,
    })),
    uploads: uploads.map((u) => ({ purpose: uploadPurposeLabels[u.purpose] ?? u.purpose, fileName: u.cloudPath.split('/').pop() ?? '', createdAt: iso(u.createdAt) as string })),
  }
}

export const main = defineFunction('member', {
  /** Who the caller is: the member their WeChat identity is bound to, if any. */
  'member.me': async (_input, { caller, db }) => me(db, requireOpenid(caller)),

  /** Everything the app holds about the caller (个人信息保护法: a person may see and copy it). */
  'member.exportMine': async (_input, { caller, now, db }) => myData(db, requireOpenid(caller), now),

  /** The same, as an Excel file with a sheet per section, in Chinese, to keep or forward. */
  'member.exportMineFile': async (_input, { caller, now, db }) => {
    const data = await myData(db, requireOpenid(caller), now)
    const content = await writeWorkbook(myDataWorkbook(data))
    return storeGenerated(generatedPaths.myData(data.member?.id ?? 'guest', now.getTime(), newId().slice(0, 8)), content, `我的数据（${formatFullDate(now)}）.xlsx`)
  },
})
