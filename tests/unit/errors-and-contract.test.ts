import { z } from 'zod'
import { actions, functionNames } from '../../shared/api/contract'
import { functionOf } from '../../shared/api/routing'
import { describeZodError } from '../../shared/api/validation'
import { AppError, errorMessages, isErrorCode } from '../../shared/errors'
import { maskPhone } from '../../shared/domain/member'

describe('error codes', () => {
  it('has a Chinese message for every code', () => {
    for (const [code, message] of Object.entries(errorMessages)) {
      expect([code, /[\u4e00-\u9fa5]/.test(message)]).toEqual([code, true])
    }
  })

  it('recognises only known codes', () => {
    expect(isErrorCode('AUTH.FORBIDDEN')).toBe(true)
    expect(isErrorCode('AUTH.NOPE')).toBe(false)
    expect(isErrorCode('toString')).toBe(false)
  })

  it('carries a code and the default message when thrown', () => {
    expect(new AppError('NOT_FOUND').toApiError()).toEqual({ code: 'NOT_FOUND', message: errorMessages.NOT_FOUND })
  })
})

describe('API contract', () => {
  it('routes each action to the function named by its prefix', () => {
    expect(functionOf('member.me')).toBe('member')
    expect(functionNames.sort()).toEqual(['attendance', 'checkin', 'inbox', 'join', 'leave', 'meeting', 'member', 'org', 'roster', 'system'])
    for (const name of Object.keys(actions)) expect(name).toMatch(/^[a-z]+\.[a-zA-Z]+$/)
  })

  it('describes invalid input field by field in Chinese', () => {
    const schema = z.object({ title: z.string().min(2).max(5), count: z.number() }).strict()
    const result = schema.safeParse({ title: 'x', extra: true })
    expect(result.success).toBe(false)
    if (result.success) return
    const { message, fields } = describeZodError(result.error)
    expect(fields).toEqual({ title: '至少 2 个字', count: '不能为空', '(input)': '包含无法识别的字段：extra' })
    expect(message).toBe('至少 2 个字')
  })
})

describe('maskPhone', () => {
  it('keeps the first three and last four digits of a mobile number', () => {
    expect(maskPhone('13912345678')).toBe('139****5678')
  })
  it('hides all but the last two characters of anything else', () => {
    expect(maskPhone('010-1234')).toBe('******34')
  })
})
