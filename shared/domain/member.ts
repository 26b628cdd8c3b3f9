/** Member categories (党员类别), from full member down to non-member volunteer. */
export const memberCategories = ['full', 'probationary', 'candidate', 'activist', 'nonMember'] as const
export type MemberCategory = (typeof memberCategories)[number]

export const memberCategoryLabels: Record<MemberCategory, string> = {
  full: '正式党员',
  probationary: '预备党员',
  candidate: '发展对象',
  activist: '入党积极分子',
  nonMember: '群众',
}

/** Positions (职务) held in the branch. */
export const positions = [
  'secretary',
  'deputySecretary',
  'organizationCommittee',
  'publicityCommittee',
  'disciplineCommittee',
  'groupLeader',
] as const
export type Position = (typeof positions)[number]

export const positionLabels: Record<Position, string> = {
  secretary: '书记',
  deputySecretary: '副书记',
  organizationCommittee: '组织委员',
  publicityCommittee: '宣传委员',
  disciplineCommittee: '纪检委员',
  groupLeader: '党小组长',
}

/** Positions on the branch committee (支委). */
export const committeePositions: readonly Position[] = ['secretary', 'deputySecretary', 'organizationCommittee', 'publicityCommittee', 'disciplineCommittee']

/** A 书记 or 副书记: who appoints 支委 and acts on their accounts. */
export function leadsBranch(memberPositions: readonly Position[]): boolean {
  return memberPositions.includes('secretary') || memberPositions.includes('deputySecretary')
}

/**
 * Why a change of positions is not allowed, or null. Nobody changes their own positions, and only
 * a 书记 or 副书记 appoints or removes committee members (支委) — else whoever manages the roster
 * could make themselves secretary.
 */
export function positionChangeProblem(actor: { id: string; positions: readonly Position[] }, memberId: string, before: readonly Position[], after: readonly Position[]): string | null {
  const changed = positions.filter((p) => before.includes(p) !== after.includes(p))
  if (changed.length === 0) return null
  if (actor.id === memberId) return '不能修改自己的职务，请由其他支委操作'
  if (!leadsBranch(actor.positions) && changed.some((p) => committeePositions.includes(p))) return '只有书记或副书记可以任免支委职务'
  return null
}

/**
 * Whether a member's account is worth taking over: they sit on the committee (支委), or the
 * secretary granted them a capability beyond their positions'.
 */
export function holdsOffice(member: { positions: readonly Position[]; grants?: readonly string[] }): boolean {
  return member.positions.some((p) => committeePositions.includes(p)) || (member.grants?.length ?? 0) > 0
}

/**
 * What can be done to a member's account: unbinding their WeChat, changing the name or phone a
 * WeChat identity binds by, transferring them out, binding a waiting identity to them. Done to a
 * 支委 by a mere roster manager, the first three and a join request from a second WeChat hand
 * over the 支委's capabilities.
 */
export type AccountChange = 'unbind' | 'rename' | 'transferOut' | 'bind'

const accountChangeRefusals: Record<AccountChange, { self: string; office: string }> = {
  unbind: { self: '不能解除自己的微信绑定，请由其他支委操作', office: '只有书记或副书记可以解除支委和有管理权限成员的微信绑定' },
  rename: { self: '不能修改自己的姓名或手机号，请由其他支委操作', office: '只有书记或副书记可以修改支委和有管理权限成员的姓名或手机号' },
  transferOut: { self: '不能将自己转出，请由其他支委操作', office: '只有书记或副书记可以转出支委和有管理权限的成员' },
  bind: { self: '不能把加入申请绑定到自己名下', office: '只有书记或副书记可以为支委和有管理权限的成员绑定微信' },
}

type AccountActor = { id: string; positions: readonly Position[] }
type AccountTarget = { id: string; positions: readonly Position[]; grants?: readonly string[] }

/** Why the caller may make none of the account changes to this member, in one sentence; or null. */
export function accountLockedReason(actor: AccountActor, target: AccountTarget): string | null {
  if (actor.id === target.id) return '这是你本人：姓名、手机号、微信绑定和转出需由其他支委操作'
  if (holdsOffice(target) && !leadsBranch(actor.positions)) return '该成员是支委或有管理权限：姓名、手机号、微信绑定和转出只能由书记或副书记操作'
  return null
}

/**
 * Why a change to someone's account is not allowed, or null: nobody does it to themselves, and
 * only a 书记 or 副书记 does it to someone who holds office — the rule that guards positions.
 */
export function accountChangeProblem(actor: AccountActor, target: AccountTarget, change: AccountChange): string | null {
  if (actor.id === target.id) return accountChangeRefusals[change].self
  if (holdsOffice(target) && !leadsBranch(actor.positions)) return accountChangeRefusals[change].office
  return null
}

/**
 * A branch keeps a 书记: why taking the position from someone (a change of positions, or a
 * transfer out) would leave it without one, or null. `otherSecretaries` counts the others in office.
 */
export function lastSecretaryProblem(before: readonly Position[], after: readonly Position[], otherSecretaries: number): string | null {
  return before.includes('secretary') && !after.includes('secretary') && otherSecretaries === 0 ? '支部至少要有一名书记，请先任命新书记' : null
}

/** A person's name on the roster: Chinese characters, letters, "·" and spaces, up to 20. */
export const personNamePattern = /^[\u4e00-\u9fa5·A-Za-z ]+$/
export const personNameMax = 20

/** A mainland mobile number: 11 digits starting 13–19. The form and the function check the same. */
export const mobilePattern = /^1[3-9]\d{9}$/
export const mobileMessage = '请填写 11 位手机号'

/** Why a phone number cannot be saved, or null. */
export function phoneProblem(phone: string): string | null {
  return mobilePattern.test(phone.trim()) ? null : mobileMessage
}

/** Masks a mainland mobile number for lists: 138****1234. */
export function maskPhone(phone: string): string {
  return /^\d{11}$/.test(phone) ? `${phone.slice(0, 3)}****${phone.slice(7)}` : phone.replace(/.(?=.{2})/g, '*')
}

/**
 * The roster's order, which every list of people follows (the roster, a meeting's attendance, the
 * exported sheet): by 党小组 in the branch's order, those in no group last, then by name as a
 * Chinese dictionary sorts it.
 */
export function rosterOrder(groupIds: readonly string[]): (a: { groupId: string | null; name: string }, b: { groupId: string | null; name: string }) => number {
  const rank = (groupId: string | null) => {
    const i = groupId ? groupIds.indexOf(groupId) : -1
    return i < 0 ? groupIds.length : i
  }
  return (a, b) => rank(a.groupId) - rank(b.groupId) || a.name.localeCompare(b.name, 'zh-Hans-CN')
}
