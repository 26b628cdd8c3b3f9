import type { ZodError, ZodIssue } from 'zod'

/** Turns a zod issue into the sentence a teacher can act on. */
function issueMessage(issue: ZodIssue): string {
  // A schema that wrote its own Chinese message knows best.
  if (issue.message && /[\u4e00-\u9fa5]/.test(issue.message)) return issue.message
  switch (issue.code) {
    case 'invalid_type':
      return issue.received === 'undefined' ? '不能为空' : '格式不正确'
    case 'too_small':
      return issue.type === 'string' ? `至少 ${issue.minimum} 个字` : `不能小于 ${issue.minimum}`
    case 'too_big':
      return issue.type === 'string' ? `不能超过 ${issue.maximum} 个字` : `不能大于 ${issue.maximum}`
    case 'invalid_enum_value':
      return '不是可选的值'
    case 'unrecognized_keys':
      return `包含无法识别的字段：${issue.keys.join('、')}`
    case 'invalid_string':
      return '格式不正确'
    default:
      return '格式不正确'
  }
}

/** Field path → message, and one summary sentence, for INPUT.INVALID. */
export function describeZodError(error: ZodError): { message: string; fields: Record<string, string> } {
  const fields: Record<string, string> = {}
  for (const issue of error.issues) {
    const path = issue.path.length ? issue.path.join('.') : '(input)'
    if (!fields[path]) fields[path] = issueMessage(issue)
  }
  // The field paths are for the form; the sentence shown on the phone is the first message.
  const [first] = Object.values(fields)
  const message = first ?? '输入有误'
  return { message, fields }
}
