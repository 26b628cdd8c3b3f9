/**
 * The branch's invite code (加入码) and the scene of its mini-program code, built and read here
 * only: the join function makes the code, the join page reads it back.
 */

export const inviteCodePattern = /^[A-Z0-9]{4,12}$/
export const inviteCodeMessage = '加入码为 4–12 位字母或数字'

/** How a person types it: spaces trimmed, letters upper-cased. */
export const normalInviteCode = (text: string) => text.trim().toUpperCase()

/** Why a typed invite code cannot be right, or null. */
export function inviteCodeProblem(text: string): string | null {
  const code = normalInviteCode(text)
  if (!code) return '请填写加入码'
  return inviteCodePattern.test(code) ? null : inviteCodeMessage
}

/** The page a join code opens, and the scene its mini-program code carries. */
export const joinPage = 'packageJoin/join/index'
export const inviteScene = (code: string) => `j=${code}`

const decoded = (text: string) => {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

/**
 * The invite code from how the join page was opened: `?code=AB12CD` from a link, or the scene of
 * its mini-program code (`j=AB12CD`, URL-encoded by WeChat).
 */
export function inviteCodeFromPageParams(params: Partial<Record<string, string>>): string {
  if (params.code) return normalInviteCode(decoded(params.code))
  if (params.scene) {
    const match = decoded(params.scene).match(/(?:^|&)j=([^&]+)/)
    if (match) return normalInviteCode(match[1])
  }
  return ''
}
