import { useRef, useState } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { Picker, Text, View } from '@tarojs/components'
import { parsePeriod, periodDays, periodKey, periodStartYear, type Period } from '../../../shared/domain/period'
import type { FileLink } from '../../../shared/api/contract'
import type { LedgerTable } from '../../../shared/api/areas/desk'
import type { CellStatus } from '../../../shared/domain/compliance-labels'
import { beforeRecordsLabel, cellStatusLabels } from '../../../shared/domain/compliance-labels'
import { todayInBeijing } from '../services/format'
import type { Result } from '../../../shared/errors'
import { openFile } from '../services/download'
import { toast, useResource } from '../services/hooks'

/** "96.5%", or "—" when nobody was expected. */
export { percentText as percent } from '../../../shared/domain/figure-lines'

/** This year on a Beijing calendar. */
export const thisYear = () => Number(todayInBeijing().slice(0, 4))

export const go = (url: string) => void Taro.navigateTo({ url })

/** `?branchId=…` for an organisation admin looking at one branch; '' for a branch's own desk. */
export const branchQuery = (branchId: string | undefined, sep = '?') => (branchId ? `${sep}branchId=${encodeURIComponent(branchId)}` : '')

/** Opens one per-person table of the 台账 for the figures' period and branch. */
export function tableUrl(table: LedgerTable, period: { year: number } | { from: string; to: string } | { period: string }, branchId: string | undefined): string {
  const parts = [`table=${table}`, ...Object.entries(period).map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)]
  return `/packageDesk/table/index?${parts.join('&')}${branchQuery(branchId, '&')}`
}

/** Copies text and says so. */
export async function copy(text: string, what = '已复制'): Promise<void> {
  try {
    await Taro.setClipboardData({ data: text })
    toast(what, 'success')
  } catch {
    toast('复制失败，请长按文字手动复制')
  }
}

/** The year switch: ‹ 2025年 ›, never past this year. */
export function YearSwitch({ year, max, onChange }: { year: number; max: number; onChange: (year: number) => void }) {
  return (
    <View className='desk-year'>
      <Text className='desk-year__arrow' onClick={() => onChange(year - 1)}>
        ‹
      </Text>
      <Text className='desk-year__label'>{year}年</Text>
      <Text className={year < max ? 'desk-year__arrow' : 'desk-year__arrow desk-year__arrow--off'} onClick={() => year < max && onChange(year + 1)}>
        ›
      </Text>
    </View>
  )
}

type Part = { label: string; of: (year: number) => Period }
const parts: Part[] = [
  { label: '全年', of: (year) => ({ kind: 'year', year }) },
  { label: '上半年', of: (year) => ({ kind: 'half', year, half: 1 }) },
  { label: '下半年', of: (year) => ({ kind: 'half', year, half: 2 }) },
  ...([1, 2, 3, 4] as const).map((quarter) => ({ label: `${'一二三四'[quarter - 1]}季度`, of: (year: number) => ({ kind: 'quarter' as const, year, quarter }) })),
]

/**
 * The period a desk page counts, as reports name them: a year, a half, a quarter, a month, or any
 * span of days (to today: "以来"). Gives the period's key (shared/domain/period.ts).
 */
export function PeriodChooser({ value, onChange }: { value: string; onChange: (key: string) => void }) {
  const today = todayInBeijing()
  const period = parsePeriod(value) ?? { kind: 'year', year: thisYear() }
  const year = periodStartYear(period, new Date())
  const days = periodDays(period, new Date())
  const mode = period.kind === 'month' ? 'month' : period.kind === 'range' || period.kind === 'since' ? 'span' : 'part'
  const choose = (p: Period) => onChange(periodKey(p))
  const onYear = (y: number) => choose(period.kind === 'year' || period.kind === 'half' || period.kind === 'quarter' || period.kind === 'month' ? { ...period, year: y } : { kind: 'year', year: y })
  const on = (active: boolean) => (active ? 'desk-period__chip desk-period__chip--on' : 'desk-period__chip')
  return (
    <View className='desk-period'>
      {mode !== 'span' ? <YearSwitch year={year} max={thisYear()} onChange={onYear} /> : null}
      <View className='desk-period__row'>
        {parts.map((part) => (
          <Text key={part.label} className={on(mode === 'part' && periodKey(part.of(year)) === value)} onClick={() => choose(part.of(year))}>
            {part.label}
          </Text>
        ))}
        <Text className={on(mode === 'month')} onClick={() => choose({ kind: 'month', year, month: year === thisYear() ? Number(today.slice(5, 7)) : 1 })}>
          按月
        </Text>
        <Text className={on(mode === 'span')} onClick={() => choose({ kind: 'since', from: `${year}-01-01` })}>
          起止日期
        </Text>
      </View>
      {period.kind === 'month' ? (
        <View className='desk-period__row'>
          {Array.from({ length: 12 }, (_, i) => i + 1).map((month) => (
            <Text key={month} className={on(period.month === month)} onClick={() => choose({ kind: 'month', year, month })}>
              {month}月
            </Text>
          ))}
        </View>
      ) : null}
      {mode === 'span' ? (
        <View className='desk-period__row'>
          <Picker mode='date' value={days.from} end={today} onChange={(e) => choose(period.kind === 'range' && e.detail.value <= period.to ? { ...period, from: e.detail.value } : { kind: 'since', from: e.detail.value })}>
            <Text className='desk-period__date'>{days.from}</Text>
          </Picker>
          <Text className='desk-period__to'>至</Text>
          <Picker mode='date' value={days.to} start={days.from} end={today} onChange={(e) => choose(e.detail.value >= today ? { kind: 'since', from: days.from } : { kind: 'range', from: days.from, to: e.detail.value })}>
            <Text className='desk-period__date'>{period.kind === 'since' ? '今天' : days.to}</Text>
          </Picker>
        </View>
      ) : null}
    </View>
  )
}

/** The colour key of the calendar. */
export function Legend() {
  return (
    <View className='desk-legend'>
      {(['green', 'amber', 'red', 'grey'] as CellStatus[]).map((s) => (
        <View className='desk-legend__item' key={s}>
          <View className={`desk-cell desk-cell--${s} desk-legend__swatch`} />
          <Text>{cellStatusLabels[s]}</Text>
        </View>
      ))}
      <View className='desk-legend__item'>
        <View className='desk-cell desk-cell--before desk-legend__swatch' />
        <Text>{beforeRecordsLabel}</Text>
      </View>
    </View>
  )
}

/** A plain table for those who prefer numbers. */
export function Table({ head, rows }: { head: string[]; rows: Array<Array<string | number>> }) {
  return (
    <View className='desk-table'>
      <View className='desk-table__tr desk-table__tr--head'>
        {head.map((h, i) => (
          <Text className={i === 0 ? 'desk-table__td desk-table__td--first' : 'desk-table__td'} key={h}>
            {h}
          </Text>
        ))}
      </View>
      {rows.map((r, i) => (
        <View className='desk-table__tr' key={i}>
          {r.map((c, j) => (
            <Text className={j === 0 ? 'desk-table__td desk-table__td--first' : 'desk-table__td'} key={j}>
              {c}
            </Text>
          ))}
        </View>
      ))}
    </View>
  )
}

/**
 * A desk page's data for what the reader chose (a year, a quarter): loaded again when the page
 * shows and, from its loading state, when the choice changes.
 */
export function useChosen<C, T>(initial: C, load: (choice: C) => Promise<Result<T>>, onChange?: () => void) {
  const [choice, setChoice] = useState(initial)
  const current = useRef(initial)
  const resource = useResource(() => load(current.current))
  useDidShow(() => {
    void resource.reload({ quiet: true })
  })
  const choose = (next: C) => {
    current.current = next
    setChoice(next)
    onChange?.()
    resource.reset()
    void resource.reload()
  }
  return { choice, choose, ...resource }
}

/** Opens a generated workbook (wx.openDocument in weapp, a download in H5), or says why not. */
export async function openGenerated(result: Result<FileLink>): Promise<void> {
  if (!result.ok) return toast(result.error.message)
  const opened = await openFile(result.data)
  if (!opened.ok) toast(opened.error.message)
}
