import { memberCategories, memberCategoryLabels, mobilePattern, personNameMax, personNamePattern, positionLabels, positions, type MemberCategory, type Position } from './member'

/** A cell as read from the sheet: text, a number, a date, or nothing. */
export type RawCell = string | number | Date | null | undefined

export interface SheetRow {
  /** Row number as Excel shows it (the header is usually row 1). */
  row: number
  cells: RawCell[]
}

/** Columns of the roster template, in order, with the headings people also write. */
export const rosterColumns = [
  { key: 'name', title: '姓名', aliases: ['姓名', '名字'], required: true },
  { key: 'category', title: '党员类别', aliases: ['党员类别', '类别', '人员类别', '政治面貌'], required: true },
  { key: 'group', title: '党小组', aliases: ['党小组', '所在党小组', '小组'], required: false },
  { key: 'positions', title: '职务', aliases: ['职务', '党内职务'], required: false },
  { key: 'phone', title: '手机号', aliases: ['手机号', '手机', '手机号码', '联系电话'], required: true },
  { key: 'joinedPartyAt', title: '入党时间', aliases: ['入党时间', '入党日期'], required: false },
] as const
type ColumnKey = (typeof rosterColumns)[number]['key']

export const maxImportRows = 3000

export interface ExistingMember {
  id: string
  name: string
  phone: string
  category: MemberCategory
  groupId: string | null
  positions: Position[]
  joinedPartyAt: string | null
  status: 'active' | 'transferredOut'
}

export interface ImportedMember {
  row: number
  name: string
  category: MemberCategory
  /** Group name as written; resolved to an id (or created) when applied. */
  groupName: string | null
  positions: Position[]
  phone: string
  joinedPartyAt: string | null
}

export interface ImportPlan {
  creates: ImportedMember[]
  updates: Array<{ memberId: string; before: ExistingMember; after: ImportedMember }>
  unchanged: number
  groupsToCreate: string[]
  errors: Array<{ row: number; message: string }>
  rows: number
}

const categoryByLabel = new Map<string, MemberCategory>([
  ...memberCategories.map((c) => [memberCategoryLabels[c], c] as const),
  ['积极分子', 'activist'],
  ['党员', 'full'],
  ['中共党员', 'full'],
  ['中共预备党员', 'probationary'],
  ['群众', 'nonMember'],
  ['非党员', 'nonMember'],
])
// "党员" alone is ambiguous between 正式 and 预备: refuse it rather than guess.
categoryByLabel.delete('党员')

const positionByLabel = new Map<string, Position>([
  ...positions.map((p) => [positionLabels[p], p] as const),
  ['支部书记', 'secretary'],
  ['党支部书记', 'secretary'],
  ['支部副书记', 'deputySecretary'],
  ['组织委员', 'organizationCommittee'],
  ['宣传委员', 'publicityCommittee'],
  ['纪检委员', 'disciplineCommittee'],
  ['小组长', 'groupLeader'],
  ['党小组组长', 'groupLeader'],
])

/** A cell as trimmed text; a date as YYYY-MM-DD. */
export function cellText(cell: RawCell): string {
  return text(cell)
}

function text(cell: RawCell): string {
  if (cell === null || cell === undefined) return ''
  if (cell instanceof Date) return formatDate(cell)
  return String(cell).replace(/\u00a0/g, ' ').trim()
}

function formatDate(date: Date): string {
  // Excel dates arrive as UTC midnight of the calendar day.
  return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}-${String(date.getUTCDate()).padStart(2, '0')}`
}

/** 2020-07-01, 2020/7/1, 2020.7.1, 2020年7月1日, an Excel date, or an Excel day number. */
export function parseDate(cell: RawCell): string | null | 'invalid' {
  if (cell === null || cell === undefined || cell === '') return null
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? 'invalid' : formatDate(cell)
  if (typeof cell === 'number') {
    // Excel serial day numbers count from 1899-12-30.
    if (cell < 1 || cell > 80000) return 'invalid'
    return formatDate(new Date(Date.UTC(1899, 11, 30) + Math.round(cell) * 86400000))
  }
  const match = text(cell).match(/^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/)
  if (!match) return 'invalid'
  const [, y, m, d] = match.map(Number)
  const date = new Date(Date.UTC(y, m - 1, d))
  if (date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d || y < 1921) return 'invalid'
  return formatDate(date)
}

export function normalizePhone(cell: RawCell): string {
  return text(cell).replace(/^\+?86/, '').replace(/[\s-]/g, '')
}

/** Finds each column by its heading; an unknown or missing required heading is an error. */
export function mapHeader(header: RawCell[]): { columns: Partial<Record<ColumnKey, number>>; missing: string[] } {
  const columns: Partial<Record<ColumnKey, number>> = {}
  header.forEach((cell, index) => {
    const title = text(cell).replace(/[*＊\s]/g, '')
    const column = rosterColumns.find((c) => (c.aliases as readonly string[]).includes(title))
    if (column && columns[column.key] === undefined) columns[column.key] = index
  })
  const missing = rosterColumns.filter((c) => c.required && columns[c.key] === undefined).map((c) => c.title)
  return { columns, missing }
}

/**
 * Validates every row of a roster sheet against itself and the branch's roster, and plans the
 * import: who is new, who changes, which groups to create. Every bad row is reported with its
 * row number; the caller applies nothing unless `errors` is empty.
 */
export function planRosterImport(
  header: RawCell[],
  rows: SheetRow[],
  existing: { members: ExistingMember[]; groups: Array<{ id: string; name: string }> },
): ImportPlan | { headerMissing: string[] } {
  const { columns, missing } = mapHeader(header)
  if (missing.length) return { headerMissing: missing }
  const cell = (r: SheetRow, key: ColumnKey) => (columns[key] === undefined ? undefined : r.cells[columns[key] as number])

  const plan: ImportPlan = { creates: [], updates: [], unchanged: 0, groupsToCreate: [], errors: [], rows: 0 }
  const byPhone = new Map(existing.members.map((m) => [m.phone, m]))
  const groupIds = new Map(existing.groups.map((g) => [g.name, g.id]))
  const groupNameById = new Map(existing.groups.map((g) => [g.id, g.name]))
  const phoneRows = new Map<string, number>()
  const newGroups = new Set<string>()

  for (const r of rows) {
    if (r.cells.every((c) => text(c) === '')) continue
    plan.rows++
    const problems: string[] = []

    const name = text(cell(r, 'name')).replace(/\s+/g, '')
    if (!name) problems.push('姓名为空')
    else if (name.length > personNameMax) problems.push(`姓名超过 ${personNameMax} 个字`)
    else if (!personNamePattern.test(name)) problems.push(`姓名“${name}”含有不能识别的字符`)

    const categoryText = text(cell(r, 'category'))
    const category = categoryByLabel.get(categoryText.replace(/\s+/g, ''))
    if (!categoryText) problems.push('党员类别为空')
    else if (!category) problems.push(`党员类别“${categoryText}”无法识别（可填：${memberCategories.map((c) => memberCategoryLabels[c]).join('、')}）`)

    // A sheet without the column leaves that field as it is on the roster.
    const groupName = columns.group === undefined ? undefined : text(cell(r, 'group')) || null

    const positionList: Position[] = []
    for (const word of text(cell(r, 'positions')).split(/[、,，;；/\s]+/).filter(Boolean)) {
      const position = positionByLabel.get(word)
      if (!position) problems.push(`职务“${word}”无法识别（可填：${positions.map((p) => positionLabels[p]).join('、')}）`)
      else if (!positionList.includes(position)) positionList.push(position)
    }
    const keepsPositions = columns.positions === undefined
    if (positionList.includes('groupLeader') && groupName === null) problems.push('党小组长需要填写所在党小组')

    const phone = normalizePhone(cell(r, 'phone'))
    if (!phone) problems.push('手机号为空')
    else if (!mobilePattern.test(phone)) problems.push(`手机号“${text(cell(r, 'phone'))}”格式不正确`)
    else if (phoneRows.has(phone)) problems.push(`手机号与第${phoneRows.get(phone)}行重复`)
    else phoneRows.set(phone, r.row)

    const joined = parseDate(cell(r, 'joinedPartyAt') ?? null)
    if (joined === 'invalid') problems.push(`入党时间“${text(cell(r, 'joinedPartyAt'))}”无法识别（例：2020-07-01）`)

    const current = phone ? byPhone.get(phone) : undefined
    if (current && name && current.name !== name) problems.push(`手机号已登记在“${current.name}”名下`)
    if (current && current.status === 'transferredOut') problems.push(`“${current.name}”已转出，如需恢复请在花名册中操作`)

    if (problems.length) {
      plan.errors.push({ row: r.row, message: problems.join('；') })
      continue
    }
    const imported: ImportedMember = {
      row: r.row,
      name,
      category: category as MemberCategory,
      groupName: groupName === undefined ? (current ? (groupNameById.get(current.groupId ?? '') ?? null) : null) : groupName,
      positions: keepsPositions && current ? current.positions : positionList,
      phone,
      joinedPartyAt: joined === 'invalid' ? null : joined,
    }
    if (imported.groupName && !groupIds.has(imported.groupName)) newGroups.add(imported.groupName)
    if (!current) {
      plan.creates.push(imported)
      continue
    }
    const groupId = imported.groupName ? (groupIds.get(imported.groupName) ?? `new:${imported.groupName}`) : null
    const same =
      current.category === imported.category &&
      current.groupId === groupId &&
      current.positions.join() === imported.positions.join() &&
      (imported.joinedPartyAt === null || current.joinedPartyAt === imported.joinedPartyAt)
    if (same) plan.unchanged++
    else plan.updates.push({ memberId: current.id, before: current, after: imported })
  }
  plan.groupsToCreate = [...newGroups]
  return plan
}
