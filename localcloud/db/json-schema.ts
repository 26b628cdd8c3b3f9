import { EJSON } from 'bson'
import { CloudDbError } from './store'

/*
 * MongoDB's `$jsonSchema` query operator: JSON Schema draft 4 with MongoDB's `bsonType` keyword,
 * without $ref, $schema, default, definitions, format and id, and without the JSON type
 * 'integer' — the dialect MongoDB documents. As in draft 4, a keyword constrains only values of
 * its own type (minLength only strings, properties only documents, items only arrays…).
 */

type AnyObject = Record<string, unknown>
type Validate = (value: unknown) => boolean

const failed = (message: string) => new CloudDbError('DATABASE_REQUEST_FAILED', `[FailedOperation] $jsonSchema ${message}`)

/** A document (not an array, a Date, a RegExp or a BSON value). */
export const isPlainObject = (value: unknown): value is AnyObject =>
  Boolean(value) && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date) && !(value instanceof RegExp) && !(value as { _bsontype?: string })._bsontype

const int32 = (n: number) => Number.isInteger(n) && n >= -2147483648 && n <= 2147483647

/**
 * The BSON type of a stored value. The store keeps numbers as JavaScript numbers; the SDK writes
 * an integral number within 32 bits as an int and any other number as a double, so that is what
 * they were in the cloud.
 */
export function bsonTypeOf(value: unknown): string {
  if (value === undefined) return 'missing'
  if (value === null) return 'null'
  if (typeof value === 'string') return 'string'
  if (typeof value === 'boolean') return 'bool'
  if (typeof value === 'number') return int32(value) ? 'int' : 'double'
  if (typeof value === 'bigint') return 'long'
  if (value instanceof Date) return 'date'
  if (value instanceof RegExp) return 'regex'
  if (Array.isArray(value)) return 'array'
  const bson = (value as { _bsontype?: string })._bsontype
  if (bson) {
    const names: Record<string, string> = {
      ObjectId: 'objectId', ObjectID: 'objectId', Long: 'long', Int32: 'int', Double: 'double', Decimal128: 'decimal',
      Binary: 'binData', Timestamp: 'timestamp', BSONRegExp: 'regex', Code: 'javascript', MinKey: 'minKey', MaxKey: 'maxKey', BSONSymbol: 'symbol',
    }
    return names[bson] ?? bson
  }
  return 'object'
}

const numeric = new Set(['int', 'long', 'double', 'decimal'])
const bsonTypes = new Set(['double', 'string', 'object', 'array', 'binData', 'undefined', 'objectId', 'bool', 'date', 'null', 'regex', 'dbPointer', 'javascript', 'symbol', 'javascriptWithScope', 'int', 'timestamp', 'long', 'decimal', 'minKey', 'maxKey', 'number'])
const jsonTypes: Record<string, (t: string) => boolean> = {
  object: (t) => t === 'object',
  array: (t) => t === 'array',
  number: (t) => numeric.has(t),
  boolean: (t) => t === 'bool',
  string: (t) => t === 'string',
  null: (t) => t === 'null',
}
const unsupported = new Set(['$ref', '$schema', 'default', 'definitions', 'format', 'id'])
const known = new Set([
  'bsonType', 'type', 'enum', 'required', 'properties', 'additionalProperties', 'patternProperties', 'minProperties', 'maxProperties', 'dependencies',
  'items', 'additionalItems', 'minItems', 'maxItems', 'uniqueItems', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf',
  'minLength', 'maxLength', 'pattern', 'allOf', 'anyOf', 'oneOf', 'not', 'title', 'description',
])

/** Values equal as BSON values (documents compared field by field, in order). */
const sameValue = (a: unknown, b: unknown) => EJSON.stringify(a as never, { relaxed: true }) === EJSON.stringify(b as never, { relaxed: true })
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v)
const count = (schema: AnyObject, key: string): number => {
  const v = schema[key]
  if (!isNumber(v) || !Number.isInteger(v) || v < 0) throw failed(`keyword '${key}' must be a non-negative integer`)
  return v
}
const schemaList = (schema: AnyObject, key: string): Validate[] => {
  const list = schema[key]
  if (!Array.isArray(list) || list.length === 0) throw failed(`keyword '${key}' must be a non-empty array of schemas`)
  return list.map((s) => compile(s, false))
}
const typeNames = (value: unknown, key: string): string[] => {
  const names = Array.isArray(value) ? value : [value]
  if (names.length === 0 || !names.every((n) => typeof n === 'string')) throw failed(`keyword '${key}' must be a string or an array of strings`)
  return names as string[]
}

function compile(schema: unknown, topLevel: boolean): Validate {
  if (!isPlainObject(schema)) throw failed('must be an object')
  for (const key of Object.keys(schema)) {
    if (unsupported.has(key)) throw failed(`keyword '${key}' is not currently supported`)
    if (!known.has(key)) throw failed(`unknown keyword: ${key}`)
  }
  if ('type' in schema && 'bsonType' in schema) throw failed("cannot specify both 'type' and 'bsonType'")
  const checks: Validate[] = []
  const on = (type: (t: string) => boolean, check: Validate) => checks.push((v) => !type(bsonTypeOf(v)) || check(v))

  if ('type' in schema) {
    const names = typeNames(schema.type, 'type')
    for (const n of names) {
      if (n === 'integer') throw failed("type 'integer' is not currently supported")
      if (!jsonTypes[n]) throw failed(`unknown type: ${n}`)
    }
    if (topLevel && !names.includes('object')) throw failed("top-level type must be 'object'")
    checks.push((v) => names.some((n) => jsonTypes[n](bsonTypeOf(v))))
  }
  if ('bsonType' in schema) {
    const names = typeNames(schema.bsonType, 'bsonType')
    for (const n of names) if (!bsonTypes.has(n)) throw failed(`unknown bsonType: ${n}`)
    if (topLevel && !names.includes('object')) throw failed("top-level bsonType must be 'object'")
    checks.push((v) => {
      const t = bsonTypeOf(v)
      return names.some((n) => n === t || (n === 'number' && numeric.has(t)))
    })
  }
  if ('enum' in schema) {
    const values = schema.enum
    if (!Array.isArray(values) || values.length === 0) throw failed("keyword 'enum' must be a non-empty array")
    checks.push((v) => values.some((e) => sameValue(e, v)))
  }

  // Documents
  const isObject = (t: string) => t === 'object'
  if ('required' in schema) {
    const names = schema.required
    if (!Array.isArray(names) || names.length === 0 || !names.every((n) => typeof n === 'string') || new Set(names).size !== names.length) {
      throw failed("keyword 'required' must be a non-empty array of unique strings")
    }
    on(isObject, (v) => (names as string[]).every((n) => Object.prototype.hasOwnProperty.call(v, n)))
  }
  if ('minProperties' in schema) {
    const min = count(schema, 'minProperties')
    on(isObject, (v) => Object.keys(v as AnyObject).length >= min)
  }
  if ('maxProperties' in schema) {
    const max = count(schema, 'maxProperties')
    on(isObject, (v) => Object.keys(v as AnyObject).length <= max)
  }
  const properties = new Map<string, Validate>()
  if ('properties' in schema) {
    if (!isPlainObject(schema.properties)) throw failed("keyword 'properties' must be an object")
    for (const [name, sub] of Object.entries(schema.properties)) properties.set(name, compile(sub, false))
  }
  const patterns: Array<[RegExp, Validate]> = []
  if ('patternProperties' in schema) {
    if (!isPlainObject(schema.patternProperties)) throw failed("keyword 'patternProperties' must be an object")
    for (const [pattern, sub] of Object.entries(schema.patternProperties)) patterns.push([regex(pattern), compile(sub, false)])
  }
  let additional: Validate | undefined
  if ('additionalProperties' in schema) {
    const a = schema.additionalProperties
    if (typeof a === 'boolean') additional = () => a
    else additional = compile(a, false)
  }
  if (properties.size || patterns.length || additional) {
    on(isObject, (v) =>
      Object.entries(v as AnyObject).every(([name, value]) => {
        let matched = false
        const own = properties.get(name)
        if (own) {
          matched = true
          if (!own(value)) return false
        }
        for (const [pattern, check] of patterns) {
          if (pattern.test(name)) {
            matched = true
            if (!check(value)) return false
          }
        }
        return matched || !additional || additional(value)
      }),
    )
  }
  if ('dependencies' in schema) {
    if (!isPlainObject(schema.dependencies)) throw failed("keyword 'dependencies' must be an object")
    for (const [name, dep] of Object.entries(schema.dependencies)) {
      let check: Validate
      if (Array.isArray(dep)) {
        if (dep.length === 0 || !dep.every((n) => typeof n === 'string')) throw failed(`dependency of '${name}' must be a non-empty array of strings or a schema`)
        check = (v) => dep.every((n) => Object.prototype.hasOwnProperty.call(v, n as string))
      } else check = compile(dep, false)
      on(isObject, (v) => !Object.prototype.hasOwnProperty.call(v, name) || check(v))
    }
  }

  // Arrays
  const isArray = (t: string) => t === 'array'
  if ('minItems' in schema) {
    const min = count(schema, 'minItems')
    on(isArray, (v) => (v as unknown[]).length >= min)
  }
  if ('maxItems' in schema) {
    const max = count(schema, 'maxItems')
    on(isArray, (v) => (v as unknown[]).length <= max)
  }
  if (schema.uniqueItems === true) {
    on(isArray, (v) => (v as unknown[]).every((item, i, all) => all.findIndex((other) => sameValue(other, item)) === i))
  } else if ('uniqueItems' in schema && typeof schema.uniqueItems !== 'boolean') throw failed("keyword 'uniqueItems' must be a boolean")
  if ('items' in schema) {
    if (Array.isArray(schema.items)) {
      const each = schema.items.map((s) => compile(s, false))
      let rest: Validate | undefined
      if ('additionalItems' in schema) {
        const a = schema.additionalItems
        rest = typeof a === 'boolean' ? () => a : compile(a, false)
      }
      on(isArray, (v) => (v as unknown[]).every((item, i) => (i < each.length ? each[i](item) : !rest || rest(item))))
    } else {
      const every = compile(schema.items, false)
      on(isArray, (v) => (v as unknown[]).every(every))
    }
  }

  // Numbers
  const isNumeric = (t: string) => numeric.has(t)
  const bound = (key: string) => {
    const v = schema[key]
    if (!isNumber(v)) throw failed(`keyword '${key}' must be a number`)
    return v
  }
  if ('minimum' in schema) {
    const min = bound('minimum')
    const exclusive = schema.exclusiveMinimum === true
    on(isNumeric, (v) => (exclusive ? Number(v) > min : Number(v) >= min))
  } else if ('exclusiveMinimum' in schema) throw failed("keyword 'exclusiveMinimum' needs 'minimum'")
  if ('maximum' in schema) {
    const max = bound('maximum')
    const exclusive = schema.exclusiveMaximum === true
    on(isNumeric, (v) => (exclusive ? Number(v) < max : Number(v) <= max))
  } else if ('exclusiveMaximum' in schema) throw failed("keyword 'exclusiveMaximum' needs 'maximum'")
  if ('multipleOf' in schema) {
    const divisor = bound('multipleOf')
    if (divisor <= 0) throw failed("keyword 'multipleOf' must be greater than 0")
    on(isNumeric, (v) => Number.isInteger(Number(v) / divisor))
  }

  // Strings: lengths in characters (code points), as MongoDB counts them.
  const isString = (t: string) => t === 'string'
  if ('minLength' in schema) {
    const min = count(schema, 'minLength')
    on(isString, (v) => [...(v as string)].length >= min)
  }
  if ('maxLength' in schema) {
    const max = count(schema, 'maxLength')
    on(isString, (v) => [...(v as string)].length <= max)
  }
  if ('pattern' in schema) {
    if (typeof schema.pattern !== 'string') throw failed("keyword 'pattern' must be a string")
    const pattern = regex(schema.pattern)
    on(isString, (v) => pattern.test(v as string))
  }

  // Combinations
  if ('allOf' in schema) {
    const all = schemaList(schema, 'allOf')
    checks.push((v) => all.every((c) => c(v)))
  }
  if ('anyOf' in schema) {
    const any = schemaList(schema, 'anyOf')
    checks.push((v) => any.some((c) => c(v)))
  }
  if ('oneOf' in schema) {
    const one = schemaList(schema, 'oneOf')
    checks.push((v) => one.filter((c) => c(v)).length === 1)
  }
  if ('not' in schema) {
    const not = compile(schema.not, false)
    checks.push((v) => !not(v))
  }
  for (const key of ['title', 'description']) if (key in schema && typeof schema[key] !== 'string') throw failed(`keyword '${key}' must be a string`)
  return (value) => checks.every((check) => check(value))
}

function regex(pattern: string): RegExp {
  try {
    return new RegExp(pattern, 'u')
  } catch {
    throw failed(`invalid regular expression: ${pattern}`)
  }
}

/** mingo's `jsonSchemaValidator`: compiles a schema once into a test of whole documents. */
export function jsonSchemaValidator(schema: unknown): (document: AnyObject) => boolean {
  return compile(schema, true)
}
