import { fail } from '../../shared/errors'
import { developmentAccess, type DevelopmentAccess } from '../../shared/domain/development-access'
import { developmentSettings, developmentTimeline, type DevelopmentFacts, type Timeline } from '../../shared/domain/development'
import type { DevelopmentDoc, DevelopmentSettingsDoc, EnteredBy } from '../../shared/domain/development-documents'
import { beijingDate } from '../../shared/domain/time'
import { workdayCalendar } from '../../shared/domain/workdays'
import type { Actor, MemberActor } from '../_lib/actor'
import type { Db } from '../_lib/db'

/** What the date engine reads of a person's document. */
export function factsOf(doc: DevelopmentDoc): DevelopmentFacts {
  return {
    dates: doc.dates,
    activistCarriedFrom: doc.activistCarriedFrom,
    mentorCount: doc.mentorIds.length,
    sponsorCount: doc.sponsorIds.length,
    politicalReviewConclusion: doc.politicalReview?.conclusion ?? null,
    training: doc.training ? { days: doc.training.days, hours: doc.training.hours } : null,
    leavingOn: doc.leavingOn,
    extensionMonths: doc.extensionMonths,
    transferredInProbationary: doc.transferredInProbationary,
    assessments: doc.records.filter((r) => r.kind === 'assessment').map((r) => r.date),
    thoughtReports: doc.records.filter((r) => r.kind === 'thoughtReport').map((r) => r.date),
  }
}

/** A person's timeline on `now`'s Beijing day, by their branch's settings and calendar. */
export function timelineOf(doc: DevelopmentDoc, settings: DevelopmentSettingsDoc | null | undefined, now: Date): Timeline {
  return developmentTimeline(factsOf(doc), developmentSettings(settings?.settings), workdayCalendar(settings?.calendar ?? []), beijingDate(now))
}

export const enteredBy = (actor: MemberActor, now: Date): EnteredBy => ({ memberId: actor.member._id, name: actor.member.name, at: now })

const readOnly: DevelopmentAccess = { see: true, decide: false, self: false, mentor: false, sponsor: false }

/** What the caller may do with a person's pipeline: by their links to the person, read-only for the organisation. */
export async function accessTo(db: Db, actor: Actor, doc: DevelopmentDoc): Promise<DevelopmentAccess> {
  if (actor.kind === 'orgAdmin') {
    const branch = await db.get('branches', doc.branchId)
    if (!branch || branch.orgId !== actor.admin.orgId) fail('AUTH.FORBIDDEN')
    return readOnly
  }
  if (actor.kind !== 'member') fail('AUTH.NOT_BOUND')
  if (actor.member.branchId !== doc.branchId) fail('AUTH.FORBIDDEN')
  const access = developmentAccess({ memberId: actor.member._id, positions: actor.member.positions, capabilities: actor.capabilities }, doc)
  if (!access.see) fail('AUTH.FORBIDDEN')
  return access
}

/** A person's pipeline the caller may see, or the refusal. A pipeline that is not there is refused alike to those who could not see it. */
export async function personFor(db: Db, actor: Actor, memberId: string): Promise<{ doc: DevelopmentDoc; access: DevelopmentAccess }> {
  const doc = await db.get('developments', memberId)
  if (!doc) {
    if (actor.kind === 'unbound') fail('AUTH.NOT_BOUND')
    fail(actor.kind === 'member' && actor.capabilities.includes('manageDevelopment') ? 'DEVELOPMENT.NOT_FOUND' : 'AUTH.FORBIDDEN')
  }
  return { doc, access: await accessTo(db, actor, doc) }
}

/** Refuses a date after today: decisions and documents are entered once they happened. */
export function requirePast(date: string | null | undefined, now: Date): void {
  if (date && date > beijingDate(now)) fail('DEVELOPMENT.DATE_IN_FUTURE')
}
