import { useEffect, useRef } from 'react'
import Taro from '@tarojs/taro'
import { Canvas as TaroCanvas, View } from '@tarojs/components'
import { Axis, Canvas, Chart, Interval, jsx } from '@antv/f2'
import { chartColors } from '../../../styles/colors'
import { getCanvas } from './canvas'
import { axisTicks } from '../../../../../shared/domain/figure-lines'
import './index.scss'

// F2's own JSX factory, called as a function (this file's JSX is React's); its typings expect
// each component's exact props, which the options objects below are.
const el = jsx as unknown as (type: unknown, props: Record<string, unknown>, ...children: unknown[]) => { props: ConstructorParameters<typeof Canvas>[0] }

export interface Bar {
  /** "3月". */
  x: string
  y: number
  /** For stacked bars: which part of the bar ("已召开", "未召开"). */
  series?: string
}

interface Props {
  id: string
  data: Bar[]
  /** One colour per series, in the order the series first appear; one colour without series. */
  colors?: string[]
  /** Fixed top of the value axis (100 for a rate in percent). */
  max?: number
  /** Appended to the axis values ("%", "h"). */
  unit?: string
  /** What the chart shows, for screen readers and the table beside it. */
  label: string
}

/**
 * A bar chart drawn by F2 (AntV's chart library for mini-programs) on a 2D canvas; stacked
 * when the bars have series. The page shows the same numbers in a table beside it.
 */
export default function BarChart({ id, data, colors, max, unit = '', label }: Props) {
  const chart = useRef<Canvas | null>(null)
  useEffect(() => {
    let cancelled = false
    // The canvas exists once the page has rendered it.
    Taro.nextTick(() => {
      void getCanvas(id).then((target) => {
        if (cancelled || !target) return
        const stacked = data.some((d) => d.series)
        // Round steps: a stacked bar reaches its series' sum.
        const totals = new Map<string, number>()
        for (const d of data) totals.set(String(d.x), (totals.get(String(d.x)) ?? 0) + d.y)
        const ticks = axisTicks(max ?? Math.max(0, ...(stacked ? [...totals.values()] : data.map((d) => d.y))))
        const palette = colors ?? [chartColors.primary]
        const element = el(
          Canvas,
          { context: target.context, pixelRatio: target.pixelRatio, width: target.width, height: target.height, animate: false, padding: [16, 12, 28, 36] },
          el(
            Chart,
            { data, scale: { y: { min: 0, max: ticks[ticks.length - 1], ticks, formatter: (v: number) => `${v}${unit}` } } },
            el(Axis, { field: 'x', style: { label: { fontSize: 10, fill: chartColors.axis } } }),
            el(Axis, { field: 'y', style: { label: { fontSize: 10, fill: chartColors.axis }, grid: { stroke: chartColors.grid } } }),
            el(Interval, stacked ? { x: 'x', y: 'y', color: { field: 'series', range: palette }, adjust: 'stack' } : { x: 'x', y: 'y', color: palette[0] }),
          ),
        )
        chart.current?.destroy()
        chart.current = new Canvas(element.props)
        void chart.current.render()
      })
    })
    return () => {
      cancelled = true
    }
  }, [id, data, colors, max, unit])
  useEffect(() => () => chart.current?.destroy(), [])
  return (
    <View className='bar-chart' aria-label={label}>
      <TaroCanvas type='2d' id={id} canvasId={id} className='bar-chart__canvas' />
    </View>
  )
}
