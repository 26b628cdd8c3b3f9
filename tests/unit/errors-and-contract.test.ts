import { z } from 'zod'
import { actions, functionNames } from '../../shared/api/contract'
import { functionOf } from '../../shared/api/routing'
import { describeZodError } from '../../shared/api/validation'
import { AppError, errorMessages, isErrorCode, isRetryable, type ErrorCode } from '../../shared/errors'
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

  it('offers 重试 only where trying again can help: never for a refusal', () => {
    expect(['CLIENT.NETWORK', 'CLIENT.TIMEOUT', 'INTERNAL', 'CONFLICT'].every((c) => isRetryable(c as ErrorCode))).toBe(true)
    const refusals = Object.keys(errorMessages).filter((c) => /^(AUTH|INPUT|NOT_FOUND|MEETING|CHECKIN|JOIN|ROSTER|LEAVE|MAKEUP)/.test(c)) as ErrorCode[]
    expect(refusals.filter(isRetryable)).toEqual([])
  })

  it('carries a code and the default message when thrown', () => {
    expect(new AppError('NOT_FOUND').toApiError()).toEqual({ code: 'NOT_FOUND', message: errorMessages.NOT_FOUND })
  })
})

describe('API contract', () => {
  it('routes each action to the function named by its prefix', () => {
    expect(functionOf('member.me')).toBe('member')
    expect(functionNames.sort()).toEqual(['appraisal', 'attendance', 'checkin', 'desk', 'development', 'dues', 'exam', 'home', 'inbox', 'join', 'leave', 'meeting', 'member', 'minutes', 'org', 'reminder', 'roster', 'study', 'system', 'volunteer'])
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

  it('refuses dates and times that are not on the calendar, naming the field', () => {
    const member = actions['roster.addMember'].input.safeParse({ name: '张三', category: 'full', groupId: null, positions: [], phone: '13800000001', joinedPartyAt: '2025-02-30' })
    expect(member.success ? null : describeZodError(member.error).fields).toEqual({ joinedPartyAt: '日期不存在，请检查年月日' })
    const period = actions['attendance.member'].input.safeParse({ from: '2025-02-30T00:00:00+08:00', to: '2025-03-31T23:59:00+08:00' })
    expect(period.success ? null : describeZodError(period.error).fields).toEqual({ from: '时间格式不正确' })
    expect(actions['attendance.member'].input.safeParse({ from: '2024-02-29T00:00:00+08:00', to: '2024-03-31T23:59:00+08:00' }).success).toBe(true)
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
