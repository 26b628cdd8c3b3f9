import { defineFunction } from '../_lib/handler'
import { exportHandlers } from './export'
import { importHandlers } from './import'
import { memberHandlers } from './members'

/** 花名册: the roster and its entries (members.ts), importing it (import.ts), exporting it (export.ts). */
export const main = defineFunction('roster', { ...memberHandlers, ...importHandlers, ...exportHandlers })
