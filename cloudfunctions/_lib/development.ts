import { developmentSettings, developmentTimeline, dueCounts, type DevelopmentFacts, type Timeline } from '../../shared/domain/development'
import type { DevelopmentDoc, DevelopmentSettingsDoc } from '../../shared/domain/documents'
import { mayDecideDevelopment } from '../../shared/domain/development-access'
import { beijingDate } from '../../shared/domain/time'
import { workdayCalendar } from '../../shared/domain/workdays'
import type { MemberActor } from './actor'
import type { Stage } from './db'

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

/**
 * The desk's lookups of the pipeline the caller follows — the whole branch for the committee, the
 * people linked to them or their own otherwise — beside the caller's member document, so the
 * desk stays one aggregation however many people are in the pipeline.
 */
export function pipelineStages(actor: MemberActor): Stage[] {
  const { _id: memberId, branchId } = actor.member
  const match = mayDecideDevelopment({ positions: actor.member.positions, capabilities: actor.capabilities })
    ? { branchId }
    : { branchId, $or: [{ _id: memberId }, { mentorIds: memberId }, { sponsorIds: memberId }] }
  return [
    { $lookup: { from: 'developments', pipeline: [{ $match: match }, { $project: { log: 0 } }, { $limit: 1000 }], as: 'developments' } },
    { $lookup: { from: 'developmentSettings', pipeline: [{ $match: { _id: branchId } }], as: 'developmentSettings' } },
  ]
}

/** What is late and what falls due within 30 days across those people; null when the caller follows nobody. */
export function pipelineSummary(actor: MemberActor, docs: DevelopmentDoc[], settings: DevelopmentSettingsDoc | undefined, now: Date): { people: number; overdue: number; dueSoon: number } | null {
  if (!docs.length && !mayDecideDevelopment({ positions: actor.member.positions, capabilities: actor.capabilities })) return null
  let overdue = 0
  let dueSoon = 0
  for (const doc of docs) {
    const counts = dueCounts(timelineOf(doc, settings, now), beijingDate(now))
    overdue += counts.overdue
    dueSoon += counts.dueSoon
  }
  return { people: docs.length, overdue, dueSoon }
}
