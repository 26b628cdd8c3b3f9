import 'mingo/init/system'
import { Context, Query } from 'mingo'
import { computeValue, type Options } from 'mingo/core'
import { bsonTypeOf, isPlainObject, jsonSchemaValidator } from './json-schema'
import { CloudDbError } from './store'

/*
 * Where mingo and MongoDB disagree, the operators below compute what MongoDB computes; they take
 * precedence over mingo's own through a context. Everything else is mingo's.
 */

type AnyObject = Record<string, unknown>
type QueryOperator = (selector: string, value: unknown, options: Options) => (obj: AnyObject) => boolean
type ExpressionOperator = (obj: AnyObject, expr: unknown, options: Options) => unknown


const invalid = (message: string) => new CloudDbError('DATABASE_INVALID_OPERRATOR', `[InvalidParameter] ${message}`)
const failed = (message: string) => new CloudDbError('DATABASE_REQUEST_FAILED', `[FailedOperation] ${message}`)

// --- query operators ----------------------------------------------------------------------

/**
 * The values a dotted path reaches, walked as MongoDB's matcher walks it: at each step an array of
 * documents is entered one level (arrays nested in arrays are not), a numeric step indexes an array.
 * A path that reaches nothing yields nothing (so `$exists: false` holds).
 */
export function valuesAt(value: unknown, path: string[], from = 0, out: unknown[] = []): unknown[] {
  if (from === path.length) {
    out.push(value)
    return out
  }
  const step = path[from]
  if (Array.isArray(value)) {
    if (/^\d+$/.test(step)) {
      if (Number(step) < value.length) valuesAt(value[Number(step)], path, from + 1, out)
      return out
    }
    for (const element of value) if (isPlainObject(element)) valuesAt(element, path, from, out)
    return out
  }
  if (isPlainObject(value) && Object.prototype.hasOwnProperty.call(value, step)) valuesAt(value[step], path, from + 1, out)
  return out
}

/** A leaf and, when it is an array, its elements: what a comparison is tried against. */
const candidatesOf = (values: unknown[]) => values.flatMap((v) => (Array.isArray(v) ? [v, ...v] : [v]))

const $exists: QueryOperator = (selector, value) => {
  const path = selector.split('.')
  const wanted = Boolean(value)
  return (obj) => valuesAt(obj, path).length > 0 === wanted
}

/** Numbers only, each side truncated toward zero, as MongoDB does. */
const $mod: QueryOperator = (selector, value) => {
  if (!Array.isArray(value) || value.length !== 2 || !value.every((v) => typeof v === 'number' && Number.isFinite(v))) {
    throw invalid('$mod needs an array of two numbers [divisor, remainder]')
  }
  const divisor = Math.trunc(value[0] as number)
  const remainder = Math.trunc(value[1] as number)
  if (divisor === 0) throw invalid('$mod divisor cannot be 0')
  const path = selector.split('.')
  return (obj) => candidatesOf(valuesAt(obj, path)).some((v) => typeof v === 'number' && Number.isFinite(v) && Math.trunc(v) % divisor === remainder)
}

const logical = new Set(['$and', '$or', '$nor'])

/**
 * Some element of an array at the path matches every condition: conditions on the element's
 * fields (a document), or operators on the element itself (a value). Arrays reached through an
 * array of documents are each searched; an element must satisfy all conditions by itself.
 */
const $elemMatch: QueryOperator = (selector, value, options) => {
  if (!isPlainObject(value)) throw invalid('$elemMatch needs an object')
  const keys = Object.keys(value)
  const onValue = keys.length > 0 && keys.every((k) => k.startsWith('$') && !logical.has(k))
  const query = new Query(onValue ? { v: value } : value, options)
  const path = selector.split('.')
  return (obj) =>
    valuesAt(obj, path).some(
      (array) =>
        Array.isArray(array) &&
        array.some((element) => (onValue ? query.test({ v: element }) : isPlainObject(element) && query.test(element))),
    )
}

// --- strings ------------------------------------------------------------------------------

/** MongoDB's string coercion for the string operators: null and missing are "", numbers and dates print. */
function coerceToString(value: unknown, operator: string): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'string') return value
  if (typeof value === 'number') return String(value)
  if (value instanceof Date) return value.toISOString()
  throw failed(`${operator}: can't convert from BSON type ${bsonTypeOf(value)} to String`)
}

const args = (obj: AnyObject, expr: unknown, options: Options, operator: string, min: number, max: number): unknown[] => {
  const list = Array.isArray(expr) ? expr : [expr]
  if (list.length < min || list.length > max) throw failed(`Expression ${operator} takes ${min === max ? `exactly ${min}` : `at least ${min} arguments, and at most ${max}`} arguments. ${list.length} were passed in.`)
  return list.map((e) => computeValue(obj, e, null, options))
}

const isUtf8Continuation = (byte: number | undefined) => byte !== undefined && (byte & 0xc0) === 0x80

/**
 * `[string, byte index, byte count]`: the bytes of the UTF-8 string from the index, as MongoDB
 * cuts them — a range that starts or ends inside a character fails, an index past the end gives
 * "", a negative count means to the end.
 */
const $substrBytes = (operator: string): ExpressionOperator => (obj, expr, options) => {
  const [value, start, length] = args(obj, expr, options, operator, 3, 3)
  const bytes = Buffer.from(coerceToString(value, operator), 'utf8')
  if (typeof start !== 'number') throw failed(`${operator}: starting index must be a numeric type (is BSON type ${bsonTypeOf(start)})`)
  if (typeof length !== 'number') throw failed(`${operator}: length must be a numeric type (is BSON type ${bsonTypeOf(length)})`)
  const lower = Math.trunc(start)
  if (lower < 0) throw failed(`${operator}: starting index must be non-negative (got: ${lower})`)
  const count = Math.trunc(length) < 0 ? bytes.length : Math.trunc(length)
  if (lower < bytes.length && isUtf8Continuation(bytes[lower])) throw failed(`${operator}: Invalid range, starting index is a UTF-8 continuation byte.`)
  if (lower + count < bytes.length && isUtf8Continuation(bytes[lower + count])) throw failed(`${operator}: Invalid range, ending index is in the middle of a UTF-8 character.`)
  if (lower >= bytes.length) return ''
  return bytes.subarray(lower, lower + count).toString('utf8')
}

const integralIndex = (value: unknown, operator: string, which: string): number => {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw failed(`${operator} requires an integral ${which}, found a value of type: ${bsonTypeOf(value)}, with value: ${String(value)}`)
  }
  if (value < 0) throw failed(`${operator} requires a nonnegative ${which}, found: ${value}`)
  return value
}

/**
 * `[string, substring, start?, end?]`: the code point index of the first occurrence of the
 * substring that begins in [start, end), or -1; null when the string is null or missing. That the
 * end bounds where a match begins (not where it ends) is MongoDB's implementation; its
 * documentation does not say.
 */
const $indexOfCP: ExpressionOperator = (obj, expr, options) => {
  const [value, token, start, end] = args(obj, expr, options, '$indexOfCP', 2, 4)
  if (value === null || value === undefined) return null
  if (typeof value !== 'string') throw failed(`$indexOfCP requires a string as the first argument, found: ${bsonTypeOf(value)}`)
  if (typeof token !== 'string') throw failed(`$indexOfCP requires a string as the second argument, found: ${bsonTypeOf(token)}`)
  const points = [...value]
  const wanted = [...token]
  const from = Array.isArray(expr) && expr.length > 2 ? integralIndex(start, '$indexOfCP', 'starting index') : 0
  const to = Array.isArray(expr) && expr.length > 3 ? Math.min(points.length, integralIndex(end, '$indexOfCP', 'ending index')) : points.length
  if (to < from) return -1
  if (points.length === 0 && wanted.length === 0) return 0
  for (let i = from; i < to; i++) {
    if (i + wanted.length <= points.length && wanted.every((c, k) => points[i + k] === c)) return i
  }
  return -1
}

// --- dates --------------------------------------------------------------------------------

const minute = 60_000
const day = 86_400_000
const zoneFormats = new Map<string, Intl.DateTimeFormat>()

/** Minutes east of UTC of a time zone (Olson name or ±HH[:MM]) at an instant. */
function offsetMinutes(instant: number, zone: string | undefined): number {
  if (zone === undefined || zone === 'UTC' || zone === 'GMT') return 0
  const fixed = zone.match(/^([+-])(\d{2}):?(\d{2})?$/)
  if (fixed) return (fixed[1] === '-' ? -1 : 1) * (Number(fixed[2]) * 60 + Number(fixed[3] ?? 0))
  let format = zoneFormats.get(zone)
  if (!format) {
    try {
      format = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' })
    } catch {
      throw failed(`unrecognized time zone identifier: "${zone}"`)
    }
    zoneFormats.set(zone, format)
  }
  const parts = Object.fromEntries(format.formatToParts(new Date(instant)).map((p) => [p.type, Number(p.value)]))
  const local = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second)
  return Math.round((local - Math.floor(instant / 1000) * 1000) / minute)
}

/** The UTC instant of a wall-clock time (given as if it were UTC) in a zone. */
function fromLocal(localAsUtc: number, zone: string | undefined): number {
  let instant = localAsUtc - offsetMinutes(localAsUtc, zone) * minute
  instant = localAsUtc - offsetMinutes(instant, zone) * minute
  return instant
}

interface Fields {
  year: number
  month: number
  day: number
  hour: number
  minute: number
  second: number
  millisecond: number
  /** 0 = Sunday */
  weekday: number
  dayOfYear: number
  isoWeekYear: number
  isoWeek: number
  isoDayOfWeek: number
  week: number
  offset: number
}

function fieldsOf(date: Date, zone: string | undefined): Fields {
  const offset = offsetMinutes(date.getTime(), zone)
  const local = new Date(date.getTime() + offset * minute)
  const year = local.getUTCFullYear()
  const midnight = utcFromParts(year, local.getUTCMonth() + 1, local.getUTCDate(), 0, 0, 0, 0)
  const dayOfYear = Math.floor((midnight - utcYearStart(year)) / day) + 1
  const weekday = local.getUTCDay()
  const isoDayOfWeek = weekday === 0 ? 7 : weekday
  // The ISO week is the one holding this week's Thursday.
  const thursday = new Date(midnight + (4 - isoDayOfWeek) * day)
  const isoWeekYear = thursday.getUTCFullYear()
  const isoWeek = Math.floor((thursday.getTime() - utcYearStart(isoWeekYear)) / day / 7) + 1
  return {
    year,
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
    millisecond: local.getUTCMilliseconds(),
    weekday,
    dayOfYear,
    isoWeekYear,
    isoWeek,
    isoDayOfWeek,
    // Weeks begin on Sunday; days before the year's first Sunday are week 0.
    week: Math.floor((dayOfYear - 1 - weekday + 7) / 7),
    offset,
  }
}

const utcYearStart = (year: number) => utcFromParts(year, 1, 1, 0, 0, 0, 0)

/** A wall-clock time from parts that may overflow (month 14, day 0…), as MongoDB carries them. */
function utcFromParts(year: number, month: number, dayOfMonth: number, hour: number, minutes: number, second: number, millisecond: number): number {
  const d = new Date(0)
  d.setUTCFullYear(year, month - 1, dayOfMonth)
  d.setUTCHours(hour, minutes, second, millisecond)
  return d.getTime()
}

function toDate(value: unknown, operator: string): Date | null {
  if (value === null || value === undefined) return null
  if (value instanceof Date) return value
  const bson = value as { _bsontype?: string; getTimestamp?: () => Date; getHighBits?: () => number }
  if (bson._bsontype === 'ObjectId' || bson._bsontype === 'ObjectID') return (bson.getTimestamp as () => Date)()
  if (bson._bsontype === 'Timestamp') return new Date((bson.getHighBits as () => number)() * 1000)
  throw failed(`${operator} can't convert from BSON type ${Array.isArray(value) ? 'array' : typeof value} to Date`)
}

function zoneOf(obj: AnyObject, expr: unknown, options: Options, operator: string): string | undefined {
  const zone = computeValue(obj, expr, null, options)
  if (zone === null || zone === undefined) return undefined
  if (typeof zone !== 'string') throw failed(`${operator} timezone must be a string`)
  offsetMinutes(0, zone)
  return zone
}

/** `$op: <date>`, `$op: [<date>]` or `$op: {date, timezone}`: the date's fields in its zone, or null. */
function datePart(operator: string, pick: (f: Fields) => number): ExpressionOperator {
  return (obj, expr, options) => {
    let dateExpr = expr
    let zone: string | undefined
    if (Array.isArray(expr)) {
      if (expr.length !== 1) throw failed(`${operator} takes 1 argument`)
      dateExpr = expr[0]
    } else if (isPlainObject(expr) && 'date' in expr) {
      dateExpr = expr.date
      zone = zoneOf(obj, expr.timezone, options, operator)
    }
    const date = toDate(computeValue(obj, dateExpr, null, options), operator)
    return date ? pick(fieldsOf(date, zone)) : null
  }
}

const partRanges: Record<string, [number, number]> = {
  year: [1, 9999],
  isoWeekYear: [1, 9999],
}

const $dateFromParts: ExpressionOperator = (obj, expr, options) => {
  if (!isPlainObject(expr)) throw failed('$dateFromParts needs an object')
  const iso = 'isoWeekYear' in expr
  if (iso && ('year' in expr || 'month' in expr || 'day' in expr)) throw failed('$dateFromParts cannot mix ISO week parts with calendar parts')
  if (!iso && !('year' in expr)) throw failed("$dateFromParts needs 'year' or 'isoWeekYear'")
  const names = iso ? ['isoWeekYear', 'isoWeek', 'isoDayOfWeek'] : ['year', 'month', 'day']
  const defaults: Record<string, number> = { month: 1, day: 1, isoWeek: 1, isoDayOfWeek: 1, hour: 0, minute: 0, second: 0, millisecond: 0 }
  const parts: Record<string, number> = {}
  for (const name of [...names, 'hour', 'minute', 'second', 'millisecond']) {
    const value = name in expr ? computeValue(obj, expr[name], null, options) : defaults[name]
    if (value === null || value === undefined) return null
    if (typeof value !== 'number' || !Number.isInteger(value)) throw failed(`'${name}' must evaluate to an integer`)
    const [min, max] = partRanges[name] ?? [-32768, 32767]
    if (value < min || value > max) throw failed(`'${name}' must evaluate to an integer in the range ${min} to ${max}`)
    parts[name] = value
  }
  const zone = zoneOf(obj, expr.timezone, options, '$dateFromParts')
  let local: number
  if (iso) {
    // Week 1 is the one holding 4 January.
    const jan4 = utcFromParts(parts.isoWeekYear, 1, 4, 0, 0, 0, 0)
    const jan4Weekday = new Date(jan4).getUTCDay() || 7
    const monday = jan4 - (jan4Weekday - 1) * day
    local = monday + ((parts.isoWeek - 1) * 7 + (parts.isoDayOfWeek - 1)) * day + (((parts.hour * 60 + parts.minute) * 60 + parts.second) * 1000 + parts.millisecond)
  } else {
    local = utcFromParts(parts.year, parts.month, parts.day, parts.hour, parts.minute, parts.second, parts.millisecond)
  }
  return new Date(fromLocal(local, zone))
}

const dateStringPattern = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/

/** Parses with a format of %Y %m %d %H %M %S %L %z %Z %j %%; undefined when the string does not fit. */
function parseWithFormat(text: string, format: string): { local: number; zone?: string } | undefined {
  const tokens: Record<string, string> = { Y: '(\\d{4})', m: '(\\d{1,2})', d: '(\\d{1,2})', H: '(\\d{1,2})', M: '(\\d{1,2})', S: '(\\d{1,2})', L: '(\\d{1,3})', j: '(\\d{1,3})', z: '([+-]\\d{2}:?\\d{2})', Z: '([+-]\\d+)' }
  const order: string[] = []
  let pattern = ''
  for (let i = 0; i < format.length; i++) {
    const c = format[i]
    if (c === '%' && i + 1 < format.length) {
      const spec = format[++i]
      if (spec === '%') pattern += '%'
      else if (tokens[spec]) {
        pattern += tokens[spec]
        order.push(spec)
      } else throw failed(`$dateFromString: format %${spec} is not supported`)
    } else pattern += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  }
  const match = text.match(new RegExp(`^${pattern}$`))
  if (!match) return undefined
  const v: Record<string, string> = {}
  order.forEach((spec, i) => (v[spec] = match[i + 1]))
  const year = Number(v.Y ?? 1970)
  let local = v.j
    ? utcFromParts(year, 1, Number(v.j), Number(v.H ?? 0), Number(v.M ?? 0), Number(v.S ?? 0), Number((v.L ?? '0').padEnd(3, '0')))
    : utcFromParts(year, Number(v.m ?? 1), Number(v.d ?? 1), Number(v.H ?? 0), Number(v.M ?? 0), Number(v.S ?? 0), Number((v.L ?? '0').padEnd(3, '0')))
  if (v.Z !== undefined) local -= Number(v.Z) * minute
  const zone = v.z !== undefined ? v.z : v.Z !== undefined ? 'UTC' : undefined
  return { local, zone }
}

const $dateFromString: ExpressionOperator = (obj, expr, options) => {
  if (!isPlainObject(expr)) throw failed('$dateFromString needs an object')
  const text = computeValue(obj, expr.dateString, null, options)
  if (text === null || text === undefined) return 'onNull' in expr ? computeValue(obj, expr.onNull, null, options) : null
  const fail = (message: string) => {
    if ('onError' in expr) return computeValue(obj, expr.onError, null, options)
    throw failed(`$dateFromString: ${message}`)
  }
  if (typeof text !== 'string') return fail(`dateString must be a string, found ${typeof text}`)
  const zone = zoneOf(obj, expr.timezone, options, '$dateFromString')
  const format = computeValue(obj, expr.format, null, options)
  let parsed: { local: number; zone?: string } | undefined
  if (typeof format === 'string') parsed = parseWithFormat(text, format)
  else {
    const m = text.trim().match(dateStringPattern)
    if (m) {
      const ms = Number((m[7] ?? '0').slice(0, 3).padEnd(3, '0'))
      parsed = { local: utcFromParts(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0), ms), zone: m[8] === 'Z' ? 'UTC' : m[8] }
      if (Number(m[2]) > 12 || Number(m[3]) > 31 || Number(m[4] ?? 0) > 23 || Number(m[5] ?? 0) > 59 || Number(m[6] ?? 0) > 59) parsed = undefined
    }
  }
  if (!parsed) return fail(`an incorrect date string was given: "${text}"`)
  if (parsed.zone !== undefined && zone !== undefined) return fail(`you cannot pass in a date/time string with time zone information ('${text}') together with a timezone argument`)
  return new Date(fromLocal(parsed.local, parsed.zone ?? zone))
}

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, '0')

const $dateToString: ExpressionOperator = (obj, expr, options) => {
  if (!isPlainObject(expr)) throw failed('$dateToString needs an object')
  const value = computeValue(obj, expr.date, null, options)
  if (value === null || value === undefined) return 'onNull' in expr ? computeValue(obj, expr.onNull, null, options) : null
  const date = toDate(value, '$dateToString') as Date
  const zone = zoneOf(obj, expr.timezone, options, '$dateToString')
  const format = expr.format === undefined ? '%Y-%m-%dT%H:%M:%S.%LZ' : computeValue(obj, expr.format, null, options)
  if (typeof format !== 'string') throw failed('$dateToString format must be a string')
  const f = fieldsOf(date, zone)
  const specs: Record<string, string> = {
    d: pad(f.day),
    G: pad(f.isoWeekYear, 4),
    H: pad(f.hour),
    j: pad(f.dayOfYear, 3),
    L: pad(f.millisecond, 3),
    m: pad(f.month),
    M: pad(f.minute),
    S: pad(f.second),
    u: String(f.isoDayOfWeek),
    U: pad(f.week),
    V: pad(f.isoWeek),
    w: String(f.weekday + 1),
    Y: pad(f.year, 4),
    z: `${f.offset < 0 ? '-' : '+'}${pad(Math.trunc(f.offset / 60))}${pad(f.offset % 60)}`,
    Z: `${f.offset < 0 ? '-' : '+'}${Math.abs(f.offset)}`,
    '%': '%',
  }
  return format.replace(/%(.)/g, (_all, spec: string) => {
    if (!(spec in specs)) throw failed(`$dateToString: invalid format character %${spec}`)
    return specs[spec]
  })
}

const $dateToParts: ExpressionOperator = (obj, expr, options) => {
  if (!isPlainObject(expr)) throw failed('$dateToParts needs an object')
  const date = toDate(computeValue(obj, expr.date, null, options), '$dateToParts')
  if (!date) return null
  const f = fieldsOf(date, zoneOf(obj, expr.timezone, options, '$dateToParts'))
  const time = { hour: f.hour, minute: f.minute, second: f.second, millisecond: f.millisecond }
  return computeValue(obj, expr.iso8601, null, options) === true
    ? { isoWeekYear: f.isoWeekYear, isoWeek: f.isoWeek, isoDayOfWeek: f.isoDayOfWeek, ...time }
    : { year: f.year, month: f.month, day: f.day, ...time }
}

/** Operators that take precedence over mingo's own. */
export const mongoContext = Context.init({
  query: { $exists, $mod, $elemMatch } as never,
  expression: {
    $year: datePart('$year', (f) => f.year),
    $month: datePart('$month', (f) => f.month),
    $dayOfMonth: datePart('$dayOfMonth', (f) => f.day),
    $hour: datePart('$hour', (f) => f.hour),
    $minute: datePart('$minute', (f) => f.minute),
    $second: datePart('$second', (f) => f.second),
    $millisecond: datePart('$millisecond', (f) => f.millisecond),
    $dayOfWeek: datePart('$dayOfWeek', (f) => f.weekday + 1),
    $dayOfYear: datePart('$dayOfYear', (f) => f.dayOfYear),
    $week: datePart('$week', (f) => f.week),
    $isoWeek: datePart('$isoWeek', (f) => f.isoWeek),
    $isoWeekYear: datePart('$isoWeekYear', (f) => f.isoWeekYear),
    $isoDayOfWeek: datePart('$isoDayOfWeek', (f) => f.isoDayOfWeek),
    $dateFromParts,
    $dateFromString,
    $dateToString,
    $dateToParts,
    $indexOfCP,
    $substrBytes: $substrBytes('$substrBytes'),
    // Deprecated in MongoDB 3.4 and an alias of $substrBytes since.
    $substr: $substrBytes('$substr'),
  } as never,
})

/** Options for every evaluation: MongoDB's operators above, and no JavaScript from a query. */
export const mongoOptions = { context: mongoContext, scriptEnabled: false, useStrictMode: true, jsonSchemaValidator }

/**
 * Runs a query, update or pipeline evaluation and answers its failure as the cloud does: an
 * operator or stage the local cloud does not have is an invalid operator; any other failure of
 * the query is a failed request — never an internal error.
 */
export function evaluate<T>(run: () => T): T {
  try {
    return run()
  } catch (error) {
    if (error instanceof CloudDbError) throw error
    const message = (error as Error).message ?? String(error)
    if (/not registered|unknown|unsupported|not supported|not enabled|must configure|scriptEnabled|invalid operator|is not a valid operator/i.test(message)) {
      throw invalid(message)
    }
    throw failed(message)
  }
}
