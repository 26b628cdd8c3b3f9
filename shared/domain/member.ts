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

/**
 * Why a change of positions is not allowed, or null. Nobody changes their own positions, and only
 * a 书记 or 副书记 appoints or removes committee members (支委) — else whoever manages the roster
 * could make themselves secretary.
 */
export function positionChangeProblem(actor: { id: string; positions: readonly Position[] }, memberId: string, before: readonly Position[], after: readonly Position[]): string | null {
  const changed = positions.filter((p) => before.includes(p) !== after.includes(p))
  if (changed.length === 0) return null
  if (actor.id === memberId) return '不能修改自己的职务，请由其他支委操作'
  const leads = actor.positions.includes('secretary') || actor.positions.includes('deputySecretary')
  if (!leads && changed.some((p) => committeePositions.includes(p))) return '只有书记或副书记可以任免支委职务'
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
