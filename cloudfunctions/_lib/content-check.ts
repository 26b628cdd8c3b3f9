import { contentVerdict, type CheckAnswer, type ContentVerdict } from '../../shared/domain/study'
import { piecesForCheck } from '../../shared/domain/text'
import { cloud } from './cloud'

/** 4 社交日志: the msgSecCheck scene that fits a post a member writes for others to read. */
const postScene = 4

/** How long the whole check may take before the note is held for a person instead. */
function budgetMs(): number {
  const configured = Number(process.env.CONTENT_CHECK_TIMEOUT_MS)
  return Number.isFinite(configured) && configured > 0 ? configured : 3000
}

/** WeChat's security.msgSecCheck: the cloud's open API unless a test passes a stand-in. */
export type MsgSecCheck = (request: { version: 2; scene: number; openid: string; content: string }) => Promise<unknown>

const cloudCheck: MsgSecCheck = (request) => cloud.openapi.security.msgSecCheck(request)

async function checkPiece(msgSecCheck: MsgSecCheck, openid: string, content: string): Promise<CheckAnswer> {
  try {
    const res = (await msgSecCheck({ version: 2, scene: postScene, openid, content })) as {
      result?: { suggest?: string; label?: number }
    }
    const suggest = res.result?.suggest
    if (suggest === 'pass' || suggest === 'review' || suggest === 'risky') return { suggest, label: res.result?.label }
    return { failed: `unexpected answer ${JSON.stringify(res).slice(0, 200)}` }
  } catch (error) {
    const e = error as { errCode?: number; errMsg?: string; message?: string }
    return { failed: `${e.errCode ?? ''} ${e.errMsg ?? e.message ?? String(error)}`.trim() }
  }
}

/**
 * WeChat's content check (security.msgSecCheck v2) on texts a member wrote, as that member
 * (their OPENID), in pieces of at most 2500 characters checked at once. A check that fails or
 * does not answer within the budget gives `unchecked`: the caller holds the text for a person.
 */
export async function checkContent(openid: string, texts: string[], msgSecCheck: MsgSecCheck = cloudCheck): Promise<{ verdict: ContentVerdict; failures: string[] }> {
  const pieces = texts.filter((t) => t.trim()).flatMap((t) => piecesForCheck(t))
  let timer: ReturnType<typeof setTimeout> | undefined
  // One deadline for all pieces: a piece that answered risky still counts when another is late.
  const deadline = new Promise<CheckAnswer>((resolve) => {
    timer = setTimeout(() => resolve({ failed: 'timeout' }), budgetMs())
  })
  const answers = await Promise.all(pieces.map((p) => Promise.race([checkPiece(msgSecCheck, openid, p), deadline])))
  clearTimeout(timer)
  const failures = answers.flatMap((a) => ('failed' in a ? [a.failed] : []))
  if (failures.length) console.warn('[content-check] held for review:', failures.join('; '))
  return { verdict: contentVerdict(answers), failures }
}
