import Taro from '@tarojs/taro'
import type { GetCanvas } from './canvas-types'

/** weapp: the canvas node of a type='2d' <Canvas>, scaled to the device's pixel ratio. */
export const getCanvas: GetCanvas = (id) =>
  new Promise((resolve) => {
    Taro.createSelectorQuery()
      .select(`#${id}`)
      .fields({ node: true, size: true })
      .exec((res) => {
        const found = res?.[0] as { node?: { width: number; height: number; getContext: (kind: '2d') => CanvasRenderingContext2D }; width: number; height: number } | undefined
        if (!found?.node) return resolve(null)
        const pixelRatio = Taro.getSystemInfoSync().pixelRatio || 2
        found.node.width = found.width * pixelRatio
        found.node.height = found.height * pixelRatio
        resolve({ context: found.node.getContext('2d'), width: found.width, height: found.height, pixelRatio })
      })
  })
