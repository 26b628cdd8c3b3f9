import type { Figure, Figures } from './figures'
import { meetingTypeLabels, subjectMeetingName } from './meeting'
import { memberCategoryLabels } from './member'
import { activityTypeLabels } from './volunteer-labels'

/**
 * The figures as lines a person reads: "支委会 12 次 · 60 人次 · 出勤率 96.7%". The figures page
 * and the 台账's 概况 sheet both print these, so a number is worded and counted once.
 */

/** The counts of `Figures`, whatever form their dates take. */
export type FigureCounts = Omit<Figures, 'from' | 'to' | 'asOf'>

export interface FigureLine {
  key: string
  label: string
  /** "12 次", "48 人". */
  value: string
  /** What else the line says ("60 人次 · 出勤率 96.7%"), '' when nothing. */
  note: string
  /** The records it counts, to open; null for a total of totals. */
  figure: Figure | null
}

export interface FigureSection {
  key: 'meetings' | 'members' | 'volunteer' | 'study'
  title: string
  lines: FigureLine[]
  /** Said when nothing of the kind happened in the period. */
  empty: string | null
}

/** "96.5%", or "—" when there is nothing to divide by. */
export const percentText = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 1000) / 10}%`)

const line = (key: string, label: string, value: string, note: string, figure: Figure | null = null): FigureLine => ({ key, label, value, note, figure })

export function figureSections(f: FigureCounts): FigureSection[] {
  const held = f.meetings.byType.filter((t) => t.held.value > 0)
  const meetings: FigureSection = {
    key: 'meetings',
    title: '组织生活',
    lines: [
      ...held.map((t) => line(t.type, meetingTypeLabels[t.type], `${t.held.value} 次`, t.rate !== null ? `${t.personTimes} 人次 · 出勤率 ${percentText(t.rate)}` : '', t.held)),
      // Meetings on a 专题, also counted under their type above.
      ...f.meetings.bySubject.map((s) => line(`subject:${s.type}:${s.subject}`, subjectMeetingName(s.type, s.subject), `${s.held.value} 次`, `计入${meetingTypeLabels[s.type]}`, s.held)),
      ...(f.meetings.appraised.value > 0 ? [line('appraised', '参加民主评议党员', `${f.meetings.appraised.value} 人`, '', f.meetings.appraised)] : []),
      line('total', '合计', `${f.meetings.total.value} 次`, `${f.meetings.personTimes} 人次 · 平均出勤率 ${percentText(f.meetings.rate)}`),
      line('bySecretary', '书记讲党课', `${f.partyLectures.bySecretary.value} 次`, `党课共 ${f.partyLectures.held.value} 次`, f.partyLectures.bySecretary),
    ],
    empty: held.length ? null : '本期还没有召开会议',
  }

  const m = f.members
  const members: FigureSection = {
    key: 'members',
    title: '党员队伍（期末）',
    lines: [
      ...m.byCategory.filter((c) => c.count.value > 0).map((c) => line(c.category, memberCategoryLabels[c.category], `${c.count.value} 人`, '', c.count)),
      line('joined', '发展新党员', `${m.joined.value} 人`, '', m.joined),
      line('confirmed', '预备党员转正', `${m.confirmed.value} 人`, '', m.confirmed),
    ],
    empty: null,
  }

  const v = f.volunteer
  const serviceNote = (t: FigureCounts['volunteer']['total']) => `${t.shifts} 班次 · ${t.personTimes} 人次 · ${t.hours} 小时 · 服务群众 ${t.peopleServed} 人次`
  const volunteer: FigureSection = {
    key: 'volunteer',
    title: '“七彩阳光”志愿服务',
    lines: [
      ...v.byType.map((t) => line(t.type, activityTypeLabels[t.type], `${t.activities} 项`, serviceNote(t))),
      line('total', '合计', `${v.total.activities} 项`, serviceNote(v.total), v.held),
    ],
    empty: v.total.shifts ? null : '本期没有志愿服务记录',
  }

  const s = f.study
  const study: FigureSection = {
    key: 'study',
    title: '学习',
    lines: [
      line('tasks', '学习任务', `${s.tasks.value} 项`, '', s.tasks),
      line('notes', '学习心得', `${s.notesSubmitted.value} 篇`, `优秀 ${s.notesExcellent.value} 篇`, s.notesSubmitted),
      line('excellent', '优秀心得', `${s.notesExcellent.value} 篇`, '', s.notesExcellent),
      line('tests', '理论测试', `${s.tests.value} 次`, `参测 ${s.testTaken} 人次 · 参测率 ${percentText(s.testRate)}`, s.tests),
    ],
    empty: null,
  }
  return [meetings, members, volunteer, study]
}

/**
 * A value axis from 0 with round steps (1, 2 or 5 times a power of ten, whole numbers for counts):
 * 0, 2, 4, 6, 8, 10 — never 0, 2, 5, 7, 10. At most `count` + 1 ticks; the last one covers `max`.
 */
export function axisTicks(max: number, count = 5): number[] {
  const top = Math.max(max, 1)
  const raw = top / count
  const magnitude = 10 ** Math.floor(Math.log10(raw))
  const step = Math.max(1, [1, 2, 5, 10].map((k) => k * magnitude).find((s) => s >= raw) ?? 10 * magnitude)
  const ticks: number[] = []
  for (let v = 0; v < top + step; v += step) {
    ticks.push(Math.round(v * 1e6) / 1e6)
    if (v >= top) break
  }
  return ticks
}
