import { readFileSync } from 'node:fs'
import path from 'node:path'
import { commonErrorMessages } from '../../shared/error-messages/common'
import { rosterErrorMessages } from '../../shared/error-messages/roster'
import { studyErrorMessages } from '../../shared/error-messages/study'
import { appraisalErrorMessages } from '../../shared/error-messages/appraisal'
import { duesErrorMessages } from '../../shared/error-messages/dues'
import { developmentErrorMessages } from '../../shared/error-messages/development'
import { errorMessages, type ErrorCode } from '../../shared/errors'
import { interpret } from '../../miniprogram/src/services/envelope'
import { addAreaMessages, isKnownCode, messageFor } from '../../miniprogram/src/services/messages'

/**
 * Error sentences by area: the main package carries the codes any page may meet; an area whose
 * pages all live in a subpackage brings its own with those pages. Every code keeps exactly one
 * sentence, and the phone has it wherever the code can be met.
 */

const srcDir = path.resolve(__dirname, '../../miniprogram/src')
const areas = [
  { root: 'packageStudy', messages: studyErrorMessages },
  { root: 'packageAdmin', messages: rosterErrorMessages },
  { root: 'packageJoin', messages: rosterErrorMessages },
  { root: 'packageAppraisal', messages: appraisalErrorMessages },
  { root: 'packageDues', messages: duesErrorMessages },
  { root: 'packageDevelopment', messages: developmentErrorMessages },
]

describe('error sentences by area', () => {
  it('give every code exactly one sentence, in one of the records', () => {
    const records = [commonErrorMessages, rosterErrorMessages, studyErrorMessages, appraisalErrorMessages, duesErrorMessages, developmentErrorMessages].map((r) => Object.keys(r))
    const all = records.flat()
    expect(new Set(all).size).toBe(all.length)
    expect(all.sort()).toEqual(Object.keys(errorMessages).sort())
  })

  it('are brought by every page of the areas whose sentences are not in the main package', () => {
    const config = readFileSync(path.join(srcDir, 'app.config.ts'), 'utf8')
    for (const { root } of areas) {
      const block = config.match(new RegExp(`root: '${root}',\\s*pages: \\[([^\\]]*)\\]`))
      const pages = [...(block?.[1] ?? '').matchAll(/'([^']+)'/g)].map((m) => m[1])
      expect([root, pages.length > 0]).toEqual([root, true])
      for (const page of pages) {
        const text = readFileSync(path.join(srcDir, root, `${page}.tsx`), 'utf8')
        expect([`${root}/${page}`, text.startsWith("import '../messages'\n")]).toEqual([`${root}/${page}`, true])
      }
      const module = readFileSync(path.join(srcDir, root, 'messages.ts'), 'utf8')
      expect(module).toMatch(/addAreaMessages\((study|roster|appraisal|dues|development)ErrorMessages\)/)
    }
  })

  it('on the phone: the common ones at once, an area’s once its pages load, the server’s sentence always', () => {
    expect(messageFor('CHECKIN.NOT_OPEN')).toBe(commonErrorMessages['CHECKIN.NOT_OPEN'])
    expect(isKnownCode('NOTE.TOO_SHORT')).toBe(false)
    // A study code reaching a main page keeps the sentence the function wrote for it.
    expect(interpret({ ok: false, error: { code: 'NOTE.TOO_SHORT', message: '心得至少 10 字，现在 3 字' } })).toEqual({ ok: false, error: { code: 'NOTE.TOO_SHORT', message: '心得至少 10 字，现在 3 字' } })
    addAreaMessages(studyErrorMessages)
    expect(isKnownCode('NOTE.TOO_SHORT')).toBe(true)
    expect(messageFor('NOTE.TOO_SHORT' as ErrorCode)).toBe('心得字数不足')
    expect(interpret({ ok: false, error: { code: 'NOTE.TOO_SHORT', message: 'too short' } })).toEqual({ ok: false, error: { code: 'NOTE.TOO_SHORT', message: '心得字数不足' } })
  })
})
