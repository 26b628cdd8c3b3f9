import type { GetCanvas } from './canvas-types'

/**
 * Fallback for platforms without a canvas helper (and for tsc). Taro resolves `./canvas` to
 * canvas.weapp.ts or canvas.h5.ts first, so this file is never bundled for those.
 */
export const getCanvas: GetCanvas = async () => null
