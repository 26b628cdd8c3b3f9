import type { DevelopmentSettingsView, ParsedInput } from '../../shared/api/contract'
import { fail } from '../../shared/errors'
import { mayDecideDevelopment } from '../../shared/domain/development-access'
import { defaultDevelopmentSettings, developmentSettingBounds, developmentSettings, stepLabels, type DateKey, type StepKey } from '../../shared/domain/development'
import type { DevelopmentDoc, DevelopmentLogEntry } from '../../shared/domain/documents'
import { nationalWorkdays } from '../../shared/domain/workdays'
import { requireMember, type Actor, type MemberActor } from '../_lib/actor'
import { isDuplicateKey, type Db } from '../_lib/db'
import { enteredBy, requirePast } from './people'

/** The caller, if they may decide: 发展党员 and a committee position. */
export function decider(actor: Actor): MemberActor {
  const member = requireMember(actor)
  if (!mayDecideDevelopment({ positions: member.member.positions, capabilities: member.capabilities })) fail('AUTH.FORBIDDEN')
  return member
}

const dateLabel = (key: DateKey) => (key === 'candidateNoticeEnd' ? '发展对象公示结束' : key === 'confirmationNoticeEnd' ? '转正公示结束' : stepLabels[key as StepKey])

/**
 * Changes a person's document in one transaction by id: read, change, write with a log line per
 * change. Nothing changes when nothing differs (a second tap writes nothing).
 */
export async function changePerson(db: Db, actor: MemberActor, memberId: string, now: Date, change: (doc: DevelopmentDoc, log: (what: string, before: string | null, after: string | null) => void) => void): Promise<void> {
  await db.transaction(async (tx) => {
    const doc = await tx.get('developments', memberId)
    if (!doc) fail('DEVELOPMENT.NOT_FOUND')
    if (doc.branchId !== actor.member.branchId) fail('AUTH.FORBIDDEN')
    const entries: DevelopmentLogEntry[] = []
    change(doc, (what, before, after) => {
      if (before !== after) entries.push({ at: now, by: actor.member._id, byName: actor.member.name, what, before, after })
    })
    if (!entries.length) return
    const { _id, ...rest } = doc
    await tx.set('developments', _id, { ...rest, log: [...doc.log, ...entries], updatedAt: now })
  })
}

/** A person of the decider's branch in the pipeline: another branch's is refused like any other record of it. */
export async function ownPerson(db: Db, me: MemberActor, memberId: string): Promise<DevelopmentDoc> {
  const doc = await db.get('developments', memberId)
  if (!doc) fail('DEVELOPMENT.NOT_FOUND')
  if (doc.branchId !== me.member.branchId) fail('AUTH.FORBIDDEN')
  return doc
}

/** Puts a roster entry of the branch who has not joined the Party into the pipeline, from their 入党申请书. */
export async function start(db: Db, actor: Actor, { memberId, application }: ParsedInput<'development.start'>, now: Date): Promise<void> {
  const me = decider(actor)
  requirePast(application, now)
  const member = await db.get('members', memberId)
  if (!member || member.branchId !== me.member.branchId) fail('ROSTER.MEMBER_NOT_FOUND')
  if (member.status !== 'active' || member.category === 'full' || member.category === 'probationary') fail('DEVELOPMENT.NOT_ELIGIBLE')
  const doc: DevelopmentDoc = {
    _id: memberId,
    branchId: member.branchId,
    memberId,
    name: member.name,
    dates: { application },
    activistCarriedFrom: null,
    mentorIds: [],
    sponsorIds: [],
    politicalReview: null,
    training: null,
    leavingOn: null,
    extensionMonths: null,
    transferredInProbationary: false,
    records: [],
    votes: [],
    log: [{ at: now, by: me.member._id, byName: me.member.name, what: stepLabels.application, before: null, after: application }],
    createdAt: now,
    updatedAt: now,
  }
  try {
    await db.add('developments', doc)
  } catch (error) {
    if (isDuplicateKey(error)) fail('DEVELOPMENT.EXISTS')
    throw error
  }
}

/** Enters or clears dates of decisions: each as it was decided, logged with before and after. */
export async function setDates(db: Db, actor: Actor, { memberId, dates }: ParsedInput<'development.setDates'>, now: Date): Promise<void> {
  const me = decider(actor)
  for (const value of Object.values(dates)) requirePast(value, now)
  await changePerson(db, me, memberId, now, (doc, log) => {
    for (const [key, value] of Object.entries(dates) as Array<[DateKey, string | null | undefined]>) {
      if (value === undefined) continue
      // The 申请书 starts the pipeline: it can be corrected, never cleared.
      if (key === 'application' && value === null) fail('INPUT.INVALID', '入党申请书的日期不能清除')
      log(dateLabel(key), doc.dates[key] ?? null, value)
      if (value === null) delete doc.dates[key]
      else doc.dates[key] = value
    }
  })
}

export async function setFacts(db: Db, actor: Actor, input: ParsedInput<'development.setFacts'>, now: Date): Promise<void> {
  const me = decider(actor)
  requirePast(input.activistCarriedFrom, now)
  await changePerson(db, me, input.memberId, now, (doc, log) => {
    if (input.activistCarriedFrom !== undefined) {
      log('原单位确定为积极分子', doc.activistCarriedFrom, input.activistCarriedFrom)
      doc.activistCarriedFrom = input.activistCarriedFrom
    }
    if (input.politicalReviewConclusion !== undefined) {
      const conclusion = input.politicalReviewConclusion || null
      log('政治审查结论', doc.politicalReview?.conclusion ?? null, conclusion)
      if ((doc.politicalReview?.conclusion ?? null) !== conclusion) doc.politicalReview = conclusion ? { conclusion, by: enteredBy(me, now) } : null
    }
    if (input.training !== undefined) {
      const words = (t: { days: number; hours: number } | null) => (t ? `${t.days}天、${t.hours}学时` : null)
      log('集中培训', words(doc.training), words(input.training))
      if (words(doc.training) !== words(input.training)) doc.training = input.training ? { ...input.training, by: enteredBy(me, now) } : null
    }
    if (input.leavingOn !== undefined) {
      log('离开单位日期', doc.leavingOn, input.leavingOn)
      doc.leavingOn = input.leavingOn
    }
    if (input.extensionMonths !== undefined) {
      log('延长预备期（月）', doc.extensionMonths === null ? null : String(doc.extensionMonths), input.extensionMonths === null ? null : String(input.extensionMonths))
      doc.extensionMonths = input.extensionMonths
    }
    if (input.transferredInProbationary !== undefined) {
      log('预备期内转入', doc.transferredInProbationary ? '是' : '否', input.transferredInProbationary ? '是' : '否')
      doc.transferredInProbationary = input.transferredInProbationary
    }
  })
}

/** Links the 培养联系人 and 入党介绍人: 正式党员 of the branch, never the person. */
export async function setPeople(db: Db, actor: Actor, { memberId, mentorIds, sponsorIds }: ParsedInput<'development.setPeople'>, now: Date): Promise<void> {
  const me = decider(actor)
  const mentors = [...new Set(mentorIds)]
  const sponsors = [...new Set(sponsorIds)]
  const wanted = [...new Set([...mentors, ...sponsors])]
  if (wanted.includes(memberId)) fail('DEVELOPMENT.PERSON_NOT_FULL')
  const current = await ownPerson(db, me, memberId)
  const known = [...new Set([...wanted, ...current.mentorIds, ...current.sponsorIds])]
  const people = known.length ? await db.all('members', { _id: { $in: known } }) : []
  const eligible = people.filter((m) => wanted.includes(m._id) && m.branchId === me.member.branchId && m.status === 'active' && m.category === 'full')
  if (eligible.length !== wanted.length) fail('DEVELOPMENT.PERSON_NOT_FULL')
  const names = new Map(people.map((m) => [m._id, m.name]))
  const words = (ids: string[]) => (ids.length ? ids.map((id) => names.get(id) ?? id).join('、') : null)
  await changePerson(db, me, memberId, now, (doc, log) => {
    log('培养联系人', words(doc.mentorIds), words(mentors))
    log('入党介绍人', words(doc.sponsorIds), words(sponsors))
    doc.mentorIds = mentors
    doc.sponsorIds = sponsors
  })
}

export async function settingsView(db: Db, actor: Actor): Promise<DevelopmentSettingsView> {
  const me = decider(actor)
  const own = await db.get('developmentSettings', me.member.branchId)
  return {
    settings: developmentSettings(own?.settings),
    defaults: defaultDevelopmentSettings,
    bounds: developmentSettingBounds,
    calendar: own?.calendar ?? [],
    nationalYears: Object.keys(nationalWorkdays).map(Number),
  }
}

export async function saveSettings(db: Db, actor: Actor, { settings, calendar }: ParsedInput<'development.saveSettings'>, now: Date): Promise<DevelopmentSettingsView> {
  const me = decider(actor)
  const byDate = new Map(calendar.map((e) => [e.date, e]))
  await db.set('developmentSettings', me.member.branchId, { settings, calendar: [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date)), updatedAt: now, updatedBy: me.member._id })
  return settingsView(db, actor)
}

