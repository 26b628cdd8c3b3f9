import { useRef, useState } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
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
export function tableUrl(table: LedgerTable, period: { year: number } | { from: string; to: string }, branchId: string | undefined): string {
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
