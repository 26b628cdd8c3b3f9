import type { DevelopmentLink, DevelopmentListView, DevelopmentPersonView, DevelopmentRow } from '../../shared/api/contract'
import { fail } from '../../shared/errors'
import type { DevelopmentAccess } from '../../shared/domain/development-access'
import { mayAddRecord, mayDecideDevelopment } from '../../shared/domain/development-access'
import { dueCounts, type RuleId } from '../../shared/domain/development'
import type { DevelopmentDoc, DevelopmentSettingsDoc, EnteredBy } from '../../shared/domain/documents'
import type { BranchDoc } from '../../shared/domain/documents'
import { beijingDate } from '../../shared/domain/time'
import type { Actor } from '../_lib/actor'
import type { Db } from '../_lib/db'
import { timelineOf } from '../_lib/development'

const iso = (at: Date | string) => new Date(at).toISOString()
const byView = (by: EnteredBy) => ({ name: by.name, at: iso(by.at) })

function linksOf(access: Pick<DevelopmentAccess, 'self' | 'mentor' | 'sponsor'>): DevelopmentLink[] {
  return (['self', 'mentor', 'sponsor'] as const).filter((k) => access[k])
}

export function rowOf(doc: DevelopmentDoc, settings: DevelopmentSettingsDoc | undefined, branch: Pick<BranchDoc, '_id' | 'name'>, links: DevelopmentLink[], now: Date): DevelopmentRow {
  const timeline = timelineOf(doc, settings, now)
  const next = timeline.steps.find((s) => s.status === 'due' || s.status === 'overdue') ?? null
  return {
    memberId: doc.memberId,
    name: doc.name,
    branchId: doc.branchId,
    branchName: branch.name,
    stage: timeline.stage,
    next: next ? { key: next.key, label: next.label, status: next.status, by: next.by?.date ?? null } : null,
    ...dueCounts(timeline, beijingDate(now)),
    violations: timeline.violations.length,
    links,
  }
}

/**
 * The pipeline the caller may see: the committee the whole branch (and who may be added), a
 * 培养联系人 or 介绍人 the people linked to them and the person their own, the organisation every
 * branch, read-only. Three reads whatever the number of people.
 */
export async function list(db: Db, actor: Actor, branchId: string | undefined, now: Date): Promise<DevelopmentListView> {
  if (actor.kind === 'unbound') fail('AUTH.NOT_BOUND')
  if (actor.kind === 'orgAdmin') {
    const branches = (await db.all('branches', { orgId: actor.admin.orgId })).filter((b) => !branchId || b._id === branchId)
    if (branchId && !branches.length) fail('AUTH.FORBIDDEN')
    const ids = branches.map((b) => b._id)
    const [docs, settings] = await Promise.all([db.all('developments', { branchId: { $in: ids } }), db.all('developmentSettings', { _id: { $in: ids } })])
    const byBranch = new Map(branches.map((b) => [b._id, b]))
    const settingsOf = new Map(settings.map((s) => [s._id, s]))
    return { people: sortRows(docs.map((d) => rowOf(d, settingsOf.get(d.branchId), byBranch.get(d.branchId)!, [], now))), canDecide: false, addable: [] }
  }
  const me = actor.member
  if (branchId && branchId !== me.branchId) fail('AUTH.FORBIDDEN')
  const decide = mayDecideDevelopment({ positions: me.positions, capabilities: actor.capabilities })
  const query = decide ? { branchId: me.branchId } : { branchId: me.branchId, $or: [{ _id: me._id }, { mentorIds: me._id }, { sponsorIds: me._id }] }
  const [docs, settings, branch, roster] = await Promise.all([
    db.all('developments', query),
    db.get('developmentSettings', me.branchId),
    db.get('branches', me.branchId),
    decide ? db.all('members', { branchId: me.branchId, status: 'active', category: { $in: ['activist', 'candidate', 'nonMember'] } }) : Promise.resolve([]),
  ])
  const branchView = branch ?? { _id: me.branchId, name: '' }
  const rows = docs.map((d) => rowOf(d, settings ?? undefined, branchView, linksOf({ self: d._id === me._id, mentor: d.mentorIds.includes(me._id), sponsor: d.sponsorIds.includes(me._id) }), now))
  const inPipeline = new Set(docs.map((d) => d._id))
  return { people: sortRows(rows), canDecide: decide, addable: roster.filter((m) => !inPipeline.has(m._id)).map((m) => ({ memberId: m._id, name: m.name })) }
}

/** Overdue first, then what falls due soonest, then by name. */
function sortRows(rows: DevelopmentRow[]): DevelopmentRow[] {
  return rows.sort((a, b) => b.overdue - a.overdue || (a.next?.by ?? '9999').localeCompare(b.next?.by ?? '9999') || a.name.localeCompare(b.name, 'zh-Hans-CN'))
}

/** A person's whole timeline with the documents received, the votes and what the caller may add. */
export async function personView(db: Db, doc: DevelopmentDoc, access: DevelopmentAccess, now: Date): Promise<DevelopmentPersonView> {
  const linked = [...new Set([...doc.mentorIds, ...doc.sponsorIds])]
  // The committee picks 培养联系人 and 介绍人 among the branch's 正式党员: read with the linked ones.
  const [settings, people, meetings] = await Promise.all([
    db.get('developmentSettings', doc.branchId),
    access.decide
      ? db.all('members', { $or: [{ _id: { $in: linked } }, { branchId: doc.branchId, status: 'active', category: 'full' }] })
      : linked.length
        ? db.all('members', { _id: { $in: linked } })
        : Promise.resolve([]),
    access.decide ? db.some('meetings', { branchId: doc.branchId, type: 'generalMeeting', status: 'published', endAt: { $lte: now } }, 20, ['endAt', 'desc']) : Promise.resolve([]),
  ])
  const timeline = timelineOf(doc, settings, now)
  const names = new Map(people.map((m) => [m._id, m.name]))
  const named = (ids: string[]) => ids.map((memberId) => ({ memberId, name: names.get(memberId) ?? '' }))
  const used = new Set<RuleId>([
    ...timeline.violations.map((v) => v.rule),
    ...timeline.periodic.map((p) => p.rule),
    ...timeline.steps.flatMap((s) => [s.from?.rule, s.by?.rule].filter((r): r is RuleId => Boolean(r))),
    'order',
  ])
  return {
    memberId: doc.memberId,
    name: doc.name,
    branchId: doc.branchId,
    stage: timeline.stage,
    steps: timeline.steps,
    periodic: timeline.periodic,
    violations: timeline.violations,
    rules: Object.fromEntries([...used].map((r) => [r, timeline.rules[r]])),
    dates: timeline.dates,
    mentors: named(doc.mentorIds),
    sponsors: named(doc.sponsorIds),
    politicalReview: doc.politicalReview ? { conclusion: doc.politicalReview.conclusion, by: byView(doc.politicalReview.by) } : null,
    training: doc.training ? { days: doc.training.days, hours: doc.training.hours, by: byView(doc.training.by) } : null,
    activistCarriedFrom: doc.activistCarriedFrom,
    leavingOn: doc.leavingOn,
    extensionMonths: doc.extensionMonths,
    transferredInProbationary: doc.transferredInProbationary,
    records: [...doc.records].sort((a, b) => b.date.localeCompare(a.date)).map((r) => ({ id: r.id, kind: r.kind, date: r.date, summary: r.summary, by: byView(r.by) })),
    votes: doc.votes.map((v) => ({ ...v, by: byView(v.by) })),
    log: access.decide ? doc.log.slice(-50).reverse().map((l) => ({ at: iso(l.at), byName: l.byName, what: l.what, before: l.before, after: l.after })) : [],
    may: { decide: access.decide, addThoughtReport: mayAddRecord(access, 'thoughtReport'), addAssessment: mayAddRecord(access, 'assessment'), addSponsorOpinion: mayAddRecord(access, 'sponsorOpinion') },
    links: linksOf(access),
    fullMembers: access.decide ? people.filter((m) => m.branchId === doc.branchId && m.status === 'active' && m.category === 'full').map((m) => ({ memberId: m._id, name: m.name })) : [],
    voteMeetings: meetings.map((m) => ({ meetingId: m._id, title: m.title, date: beijingDate(m.startAt) })),
  }
}
