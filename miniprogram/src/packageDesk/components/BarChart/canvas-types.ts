/** A 2D canvas ready for the chart library: its context and its size in CSS pixels. */
export interface ChartCanvas {
  context: CanvasRenderingContext2D
  width: number
  height: number
  pixelRatio: number
}

/** Finds the <Canvas type='2d'> with this id on the current page and sizes it for the screen. */
export type GetCanvas = (id: string) => Promise<ChartCanvas | null>
