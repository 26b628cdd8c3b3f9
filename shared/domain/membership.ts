import { memberCategories, memberCategoryLabels, type MemberCategory, type Position } from './member'
import { beijingDate, isCalendarDate, type Instant } from './time'

/**
 * Who belonged to the branch, and as what, on a given day: every roster fact has the Beijing date
 * it became true (joined the branch, 入党积极分子, 发展对象, 入党 = 预备党员, 转正, 转出), entered by
 * the secretary, never the moment it was typed. Every 应到 and every count by category judges
 * membership on the day that matters (a meeting's day, a period's last day) with these rules.
 *
 * An entry without a date (the roster before dates were kept, an import without the columns)
 * falls back to what is on record: joined the branch on the day its entry was created, holding
 * its present category since then unless a category change was logged (then from that change's
 * day), and transferred out on the day the transfer was entered.
 */

/** The dates a roster entry keeps, each a Beijing date "YYYY-MM-DD" (入党时间 is `joinedPartyAt`). */
export interface MemberDates {
  /** 加入（转入）本支部. */
  joinedBranchOn?: string | null
  /** 确定为入党积极分子. */
  activistOn?: string | null
  /** 确定为发展对象. */
  candidateOn?: string | null
  /** 转为正式党员. */
  fullOn?: string | null
  /** 转出本支部. */
  leftOn?: string | null
}

/** Every dated fact, as the forms, the import and the history name it. */
export const datedFactFields = ['joinedBranchOn', 'activistOn', 'candidateOn', 'joinedPartyAt', 'fullOn', 'leftOn'] as const
export type MemberDateField = (typeof datedFactFields)[number]

export const memberDateLabels: Record<MemberDateField, string> = {
  joinedBranchOn: '加入支部日期',
  activistOn: '确定积极分子日期',
  candidateOn: '确定发展对象日期',
  joinedPartyAt: '入党时间',
  fullOn: '转正日期',
  leftOn: '转出日期',
}

/** The Party ladder, lowest first; 群众 stands outside it. */
const ladder = ['activist', 'candidate', 'probationary', 'full'] as const
type Step = (typeof ladder)[number]

/** The date field that says when each step began. */
export const stepDateField: Record<Step, Exclude<MemberDateField, 'joinedBranchOn' | 'leftOn'>> = {
  activist: 'activistOn',
  candidate: 'candidateOn',
  probationary: 'joinedPartyAt',
  full: 'fullOn',
}

/** A roster entry's membership, resolved to dates: what every rule below takes. */
export interface MembershipFacts {
  /** The category today. */
  category: MemberCategory
  /** First day in the branch. */
  inBranchFrom: string
  /** First day no longer in the branch (转出), or null. */
  leftOn: string | null
  /** The day each step of the ladder began, where known. */
  steps: Partial<Record<Step, string>>
}

/** A roster entry as stored (or as the figures carry it), with what the fallbacks read. */
export interface MembershipSource {
  category: MemberCategory
  joinedPartyAt: string | null
  dates?: MemberDates | null
  /** When the entry joined the roster: the day it was created, unless a date says otherwise. */
  since: Instant
  /** When it left (the transfer entered), or null while on the roster. */
  leftAt: Instant | null
  /** Category changes logged before dates were kept, oldest first. */
  categoryChanges?: ReadonlyArray<{ at: Instant; from: MemberCategory; to: MemberCategory }>
}

const resolved = new WeakMap<object, MembershipFacts>()

/**
 * The Beijing date of an instant without dayjs: the figures judge every member on every meeting's
 * day, so this runs thousands of times a request. Same answer as `beijingDate` (a fixed UTC+8).
 */
export function dayOf(instant: Instant): string {
  const ms = instant instanceof Date ? instant.getTime() : typeof instant === 'number' ? instant : Number.NaN
  return Number.isFinite(ms) ? new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10) : beijingDate(instant)
}

/** The dates of a roster entry, each fact from its date, else from what is on record (see above). */
export function membershipFacts(source: MembershipSource): MembershipFacts {
  const cached = resolved.get(source)
  if (cached) return cached
  const d = source.dates ?? {}
  const loggedChangeTo = (step: Step) => {
    const change = [...(source.categoryChanges ?? [])].reverse().find((c) => c.to === step)
    return change ? dayOf(change.at) : undefined
  }
  const steps: MembershipFacts['steps'] = {}
  for (const step of ladder) {
    const field = stepDateField[step]
    const given = field === 'joinedPartyAt' ? source.joinedPartyAt : d[field]
    const on = given || loggedChangeTo(step)
    if (on) steps[step] = on
  }
  const facts: MembershipFacts = {
    category: source.category,
    inBranchFrom: d.joinedBranchOn || dayOf(source.since),
    leftOn: d.leftOn || (source.leftAt ? dayOf(source.leftAt) : null),
    steps,
  }
  resolved.set(source, facts)
  return facts
}

/**
 * A member's category on a Beijing date: the highest step of the ladder, up to today's category,
 * that had begun by then. A step below today's without a date is taken to have held until the next
 * dated one; today's category without a date has held throughout.
 */
export function categoryOn(facts: MembershipFacts, date: string): MemberCategory {
  if (facts.category === 'nonMember') return 'nonMember'
  for (let i = ladder.indexOf(facts.category); i >= 0; i--) {
    const on = facts.steps[ladder[i]]
    if (on === undefined || on <= date) return ladder[i]
  }
  return 'nonMember'
}

/** Whether a member was in the branch on a Beijing date: from the day they joined, until the day they left. */
export function inBranchOn(facts: Pick<MembershipFacts, 'inBranchFrom' | 'leftOn'>, date: string): boolean {
  return facts.inBranchFrom <= date && (facts.leftOn === null || date < facts.leftOn)
}

/** A roster entry as the day-by-day rules take it. */
export interface RosterPerson extends MembershipSource {
  id: string
  name: string
  groupId: string | null
  positions: readonly Position[]
}

/** Who was in the branch on a date, each with their category that day. */
export function membersOn<P extends MembershipSource>(roster: readonly P[], date: string): Array<{ member: P; category: MemberCategory }> {
  return roster.flatMap((member) => {
    const facts = membershipFacts(member)
    return inBranchOn(facts, date) ? [{ member, category: categoryOn(facts, date) }] : []
  })
}

/** Counts by category on a date, with the ids behind each. */
export interface CategoryCounts {
  byCategory: Record<MemberCategory, string[]>
  /** 正式 + 预备. */
  partyMembers: string[]
}

export function countsOn(roster: readonly RosterPerson[], date: string): CategoryCounts {
  const byCategory = Object.fromEntries(memberCategories.map((c) => [c, [] as string[]])) as Record<MemberCategory, string[]>
  for (const { member, category } of membersOn(roster, date)) byCategory[category].push(member.id)
  return { byCategory, partyMembers: [...byCategory.full, ...byCategory.probationary] }
}

/** A span of Beijing dates, both ends included. */
export interface DateSpan {
  from: string
  to: string
}

/** Who took a step in a span while in the branch: new 积极分子, 发展对象, 预备党员 (入党) and 转正. */
export interface StepsInSpan {
  activists: string[]
  candidates: string[]
  probationary: string[]
  confirmed: string[]
}

export function stepsIn(roster: readonly RosterPerson[], span: DateSpan): StepsInSpan {
  const took = (step: Step) =>
    roster
      .filter((m) => {
        const facts = membershipFacts(m)
        const on = facts.steps[step]
        return on !== undefined && on >= span.from && on <= span.to && inBranchOn(facts, on)
      })
      .map((m) => m.id)
  return { activists: took('activist'), candidates: took('candidate'), probationary: took('probationary'), confirmed: took('full') }
}

/** What a report says of a branch on a date: its groups and its people by category. */
export interface BranchFacts {
  date: string
  groups: number
  members: CategoryCounts
}

export function branchFactsOn(roster: readonly RosterPerson[], groups: ReadonlyArray<{ id: string }>, date: string): BranchFacts {
  return { date, groups: groups.length, members: countsOn(roster, date) }
}

/** A period's membership facts: the branch on its last day, and who took a step during it. */
export interface PeriodMembershipFacts extends BranchFacts {
  span: DateSpan
  steps: StepsInSpan
}

export function periodMembershipFacts(roster: readonly RosterPerson[], groups: ReadonlyArray<{ id: string }>, span: DateSpan): PeriodMembershipFacts {
  return { ...branchFactsOn(roster, groups, span.to), span, steps: stepsIn(roster, span) }
}

/** A roster entry's dated facts, as a form or a sheet gives them. */
export type DateEntry = Partial<Record<MemberDateField, string | null>>

/**
 * Why a roster entry's dates cannot be saved, field by field: a date that is not a real day or lies
 * after today, a step dated above the category, steps out of order, leaving before joining.
 */
export function memberDatesProblems(entry: { category: MemberCategory } & DateEntry, today: string): Partial<Record<MemberDateField, string>> {
  const problems: Partial<Record<MemberDateField, string>> = {}
  for (const field of datedFactFields) {
    const value = entry[field]
    if (!value) continue
    if (!isCalendarDate(value)) problems[field] = `${memberDateLabels[field]}不是有效日期`
    else if (value > today) problems[field] = `${memberDateLabels[field]}不能晚于今天`
  }
  const top = entry.category === 'nonMember' ? -1 : ladder.indexOf(entry.category)
  let previous: { field: MemberDateField; on: string } | null = null
  ladder.forEach((step, i) => {
    const field = stepDateField[step]
    const on = entry[field]
    if (!on || problems[field]) return
    // 入党时间 stays on record for a member whose category went down; the later steps do not.
    if (i > top && field !== 'joinedPartyAt') problems[field] = `${memberCategoryLabels[entry.category]}没有${memberDateLabels[field]}`
    else if (previous && on < previous.on) problems[field] = `${memberDateLabels[field]}不能早于${memberDateLabels[previous.field]}`
    else previous = { field, on }
  })
  const joined = entry.joinedBranchOn
  const left = entry.leftOn
  if (joined && left && !problems.leftOn && left < joined) problems.leftOn = `${memberDateLabels.leftOn}不能早于${memberDateLabels.joinedBranchOn}`
  return problems
}

/** The step a change of category dates: 转正 dates `fullOn`, 发展 to 预备 dates 入党时间… */
export function dateFieldOfCategory(category: MemberCategory): MemberDateField | null {
  return category === 'nonMember' ? null : stepDateField[category]
}

/** A roster entry's category and dated facts, as an edit or an import changes them. */
export interface DatedEntry {
  category: MemberCategory
  joinedPartyAt: string | null
  dates: MemberDates
}

/** The dated facts a form or a sheet may set (the transfer's date has its own action). */
export const editableDateFields = ['joinedBranchOn', 'activistOn', 'candidateOn', 'joinedPartyAt', 'fullOn'] as const
export type EditableDateField = (typeof editableDateFields)[number]

const dateOf = (entry: DatedEntry, field: MemberDateField): string | null => (field === 'joinedPartyAt' ? entry.joinedPartyAt : (entry.dates[field] ?? null))

/**
 * An entry after an edit or an import row: the dates given replace those on record; a category
 * that changes takes the date it became true (转正 its 转正日期, 发展 its 入党时间…), today unless one
 * is given; a category that goes down drops the dates of the steps above it (入党时间 stays).
 * `problems` are the dates that cannot be saved that the entry did not already have;
 * `changed` is each date that changed, before and after, for the history.
 */
export function applyDates(
  before: DatedEntry,
  change: { category?: MemberCategory } & Partial<Record<EditableDateField, string | null | undefined>>,
  today: string,
): { entry: DatedEntry; problems: Partial<Record<MemberDateField, string>>; changed: Array<{ field: MemberDateField; before: string | null; after: string | null }> } {
  const category = change.category ?? before.category
  const entry: DatedEntry = { category, joinedPartyAt: before.joinedPartyAt, dates: { ...before.dates } }
  const set = (field: MemberDateField, value: string | null) => {
    if (field === 'joinedPartyAt') entry.joinedPartyAt = value
    else entry.dates[field] = value
  }
  for (const field of editableDateFields) if (change[field] !== undefined) set(field, change[field] ?? null)
  const stepField = dateFieldOfCategory(category)
  // Up the ladder, the new step begins today unless a day is given; down (a correction), a date on record stays.
  const rank = (c: MemberCategory) => (c === 'nonMember' ? -1 : ladder.indexOf(c))
  if (stepField && change[stepField as EditableDateField] === undefined && (rank(category) > rank(before.category) || !dateOf(entry, stepField))) {
    if (category !== before.category) set(stepField, today)
  }
  // A category that went down drops the dates above it that were on record (not those just given).
  const top = rank(category)
  ladder.forEach((step, i) => {
    const field = stepDateField[step]
    if (i > top && field !== 'joinedPartyAt' && category !== before.category && change[field] === undefined) set(field, null)
  })
  const had = memberDatesProblems({ category: before.category, joinedPartyAt: before.joinedPartyAt, ...before.dates }, today)
  const all = memberDatesProblems({ category, joinedPartyAt: entry.joinedPartyAt, ...entry.dates }, today)
  const problems = Object.fromEntries(Object.entries(all).filter(([field, message]) => had[field as MemberDateField] !== message))
  const changed = datedFactFields.flatMap((field) => {
    const [b, a] = [dateOf({ ...before, dates: before.dates }, field), dateOf(entry, field)]
    return b === a ? [] : [{ field, before: b, after: a }]
  })
  return { entry, problems, changed }
}

/** The dates a member put on the roster today starts with: in the branch from today unless a date is given. */
export function newMemberDates(given: Partial<Record<EditableDateField, string | null | undefined>>, today: string): MemberDates {
  const dates: MemberDates = { joinedBranchOn: given.joinedBranchOn || today }
  for (const field of ['activistOn', 'candidateOn', 'fullOn'] as const) if (given[field]) dates[field] = given[field]
  return dates
}

/** "转正日期：未填 → 2026-07-01；…", as the history keeps a change of dates. */
export function describeDateChanges(changed: ReadonlyArray<{ field: MemberDateField; before: string | null; after: string | null }>): string {
  return changed.map((c) => `${memberDateLabels[c.field]}：${c.before ?? '未填'} → ${c.after ?? '未填'}`).join('；')
}
