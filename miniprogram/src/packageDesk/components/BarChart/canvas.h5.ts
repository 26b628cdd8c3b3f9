import type { GetCanvas } from './canvas-types'

/** H5: Taro's <Canvas> renders a real <canvas> inside its element; size it for the screen. */
export const getCanvas: GetCanvas = async (id) => {
  const host = document.getElementById(id)
  const canvas = (host instanceof HTMLCanvasElement ? host : host?.querySelector('canvas')) ?? null
  if (!host || !canvas) return null
  const { width, height } = host.getBoundingClientRect()
  const pixelRatio = window.devicePixelRatio || 1
  canvas.width = Math.round(width * pixelRatio)
  canvas.height = Math.round(height * pixelRatio)
  canvas.style.width = `${width}px`
  canvas.style.height = `${height}px`
  const context = canvas.getContext('2d')
  return context ? { context, width, height, pixelRatio } : null
}
