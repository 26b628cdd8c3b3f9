import type { ParsedInput } from '../../shared/api/contract'
import { fail } from '../../shared/errors'
import { audienceRole } from '../../shared/domain/meeting'
import { attended } from '../../shared/domain/attendance'
import { mayAddRecord } from '../../shared/domain/development-access'
import type { DevelopmentRecord, DevelopmentVote } from '../../shared/domain/documents'
import { recordKindLabels } from '../../shared/domain/development-access'
import { tallyVote } from '../../shared/domain/development-vote'
import type { MeetingDoc } from '../../shared/domain/documents'
import { beijingDate } from '../../shared/domain/time'
import { requireMember, type Actor } from '../_lib/actor'
import { newId, type Db } from '../_lib/db'
import { loadMeeting } from '../_lib/meetings'
import { changePerson, decider, ownPerson } from './decide'
import { enteredBy, personFor, requirePast } from './people'

/**
 * A document received, entered by whoever it is theirs to enter: the person's 思想汇报, a
 * 培养联系人's 考察, an 介绍人's opinion; the committee enters any of them as received on paper.
 */
export async function addRecord(db: Db, actor: Actor, { memberId, kind, date, summary }: ParsedInput<'development.addRecord'>, now: Date): Promise<void> {
  const me = requireMember(actor)
  const { access } = await personFor(db, actor, memberId)
  if (!mayAddRecord(access, kind)) fail('AUTH.FORBIDDEN')
  requirePast(date, now)
  const record: DevelopmentRecord = { id: newId(), kind, date, summary, by: enteredBy(me, now) }
  await db.transaction(async (tx) => {
    const doc = await tx.get('developments', memberId)
    if (!doc) fail('DEVELOPMENT.NOT_FOUND')
    // A second tap of the same document (same kind, day, author and words) adds nothing.
    if (doc.records.some((r) => r.kind === kind && r.date === date && r.by.memberId === me.member._id && r.summary === summary)) return
    const { _id, ...rest } = doc
    await tx.set('developments', _id, {
      ...rest,
      records: [...doc.records, record],
      log: [...doc.log, { at: now, by: me.member._id, byName: me.member.name, what: recordKindLabels[kind], before: null, after: date }],
      updatedAt: now,
    })
  })
}

/**
 * Who is entitled to vote at a meeting (应到): the 正式党员 of its audience, from the roster as it
 * is today. Where the meeting's frozen expected list is kept once it closed, it replaces this read.
 */
async function entitledAt(db: Db, meeting: MeetingDoc): Promise<string[]> {
  const members = await db.all('members', { branchId: meeting.branchId, status: 'active', category: 'full' })
  return members.filter((m) => audienceRole(meeting.audience, m) === 'expected').map((m) => m._id)
}

/**
 * The 支部党员大会's vote on admitting a person or confirming them. 应到 and 到会 come from the
 * meeting's audience and its attendance (one tally with the meeting's own review); the counts of
 * votes and written opinions are entered. Refused when the counts cannot be or the meeting had no
 * quorum; a vote that fails its majority is recorded as 未通过 and the step stays open; a vote
 * that passes sets the step's date to the meeting's.
 */
export async function recordVote(db: Db, actor: Actor, input: ParsedInput<'development.recordVote'>, now: Date): Promise<void> {
  const me = decider(actor)
  await ownPerson(db, me, input.memberId)
  const meeting = await loadMeeting(db, input.meetingId)
  if (!meeting || meeting.branchId !== me.member.branchId || meeting.type !== 'generalMeeting' || meeting.status !== 'published' || meeting.endAt > now) fail('DEVELOPMENT.VOTE_MEETING')
  const entitled = await entitledAt(db, meeting)
  const records = entitled.length ? await db.all('attendance', { meetingId: meeting._id, memberId: { $in: entitled } }) : []
  const present = records.filter((r) => attended(r.status)).length
  const counts = { entitled: entitled.length, present, yes: input.yes, no: input.no, abstain: input.abstain, writtenYes: input.writtenYes, writtenNo: input.writtenNo, writtenAbstain: input.writtenAbstain }
  const outcome = tallyVote(counts)
  if (!outcome.valid) fail(present * 2 <= entitled.length ? 'DEVELOPMENT.VOTE_NO_QUORUM' : 'DEVELOPMENT.VOTE_INVALID', outcome.reason)
  const date = beijingDate(meeting.startAt)
  const vote: DevelopmentVote = { ...counts, kind: input.kind, meetingId: meeting._id, date, passed: outcome.passed, by: enteredBy(me, now) }
  const step = input.kind === 'admission' ? 'admissionMeeting' : 'confirmationMeeting'
  await changePerson(db, me, input.memberId, now, (doc, log) => {
    if (doc.votes.some((v) => v.kind === input.kind && v.meetingId === meeting._id)) fail('DEVELOPMENT.VOTE_EXISTS')
    doc.votes = [...doc.votes, vote]
    const label = input.kind === 'admission' ? '接收预备党员表决' : '转正表决'
    log(label, null, `${outcome.passed ? '通过' : '未通过'}：应到${counts.entitled}人，到会${present}人，赞成${outcome.yesTotal}票（含书面${input.writtenYes}票）`)
    if (outcome.passed) {
      log(input.kind === 'admission' ? '支部党员大会讨论接收预备党员' : '支部党员大会讨论转正', doc.dates[step] ?? null, date)
      doc.dates[step] = date
    }
  })
}
