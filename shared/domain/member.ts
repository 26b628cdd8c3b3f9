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

/** Masks a mainland mobile number for lists: 138****1234. */
export function maskPhone(phone: string): string {
  return /^\d{11}$/.test(phone) ? `${phone.slice(0, 3)}****${phone.slice(7)}` : phone.replace(/.(?=.{2})/g, '*')
}
