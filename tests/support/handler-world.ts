import type { CollectionName, DocOf, MemberDoc } from '../../shared/domain/documents'
import type { MemberCategory, Position } from '../../shared/domain/member'
import type { ActionInput, ActionName, ActionOutput } from '../../shared/api/contract'
import type { ApiError, ErrorCode, Result } from '../../shared/errors'
import type { HandlerContext, WeChatStandIns } from '../../cloudfunctions/_lib/handler'
import { MemoryDb } from './memory-db'

/**
 * A branch for running a cloud function's handlers through `main.run` with a fixed `now` and the
 * in-memory database: people bound to openids `o-<id>`, an organisation admin `o-admin`.
 */
export const seededAt = new Date('2026-03-01T09:00:00+08:00')

export function person(id: string, name: string, category: MemberCategory, positions: Position[] = [], extra: Partial<MemberDoc> = {}): MemberDoc {
  return {
    _id: id,
    branchId: 'b1',
    groupId: 'g1',
    name,
    category,
    positions,
    phone: `1390000${String(id).replace(/\D/g, '').padStart(4, '0')}`,
    joinedPartyAt: null,
    status: 'active',
    grants: [],
    revokes: [],
    createdAt: seededAt,
    updatedAt: seededAt,
    ...extra,
  }
}

/** The demo branch's people, as the study and exam tests use them. */
export const people = {
  secretary: person('m1', '李红梅', 'full', ['secretary']),
  publicity: person('m2', '王强', 'full', ['publicityCommittee']),
  member: person('m3', '张伟', 'full'),
  probationary: person('m4', '刘洋', 'probationary', [], { groupId: 'g2' }),
  activist: person('m5', '陈静', 'activist'),
  /** The secretary of another branch of the same organisation. */
  otherSecretary: person('x1', '赵敏', 'full', ['secretary'], { branchId: 'b2', groupId: null }),
}

export type Who = keyof typeof people | 'admin' | 'stranger'
export const openidOf = (who: Who) => `o-${who}`

type Seed = Partial<{ [C in CollectionName]: Array<DocOf<C>> }>

export function branchWorld(seed: Seed = {}) {
  const members = Object.values(people)
  const db = new MemoryDb({
    orgs: [{ _id: 'org1', name: '实验学校党总支' }],
    branches: [
      { _id: 'b1', orgId: 'org1', name: '第一党支部', inviteCode: 'AAAA1111' },
      { _id: 'b2', orgId: 'org1', name: '第二党支部', inviteCode: 'BBBB2222' },
    ],
    groups: [
      { _id: 'g1', branchId: 'b1', name: '第一党小组', order: 1 },
      { _id: 'g2', branchId: 'b1', name: '第二党小组', order: 2 },
    ],
    members,
    bindings: (Object.entries(people) as Array<[Who, MemberDoc]>).map(([who, m]) => ({ _id: openidOf(who), memberId: m._id, branchId: m.branchId, boundAt: seededAt })),
    orgAdmins: [{ _id: openidOf('admin'), orgId: 'org1', name: '党总支管理员' }],
    ...seed,
  })
  return { db }
}

/** Runs one action of a function's `main` as `who` at `now`. */
export function caller(main: { run(event: unknown, ctx: HandlerContext): Promise<Result<unknown>> }, db: MemoryDb, wechat?: WeChatStandIns) {
  return async function call<A extends ActionName>(who: Who, action: A, input: ActionInput<A>, now: Date): Promise<Result<ActionOutput<A>>> {
    return (await main.run({ action, input }, { caller: { openid: openidOf(who), appid: 'wx', source: 'wx_client' }, now, db, wechat })) as Result<ActionOutput<A>>
  }
}

/** The data of a call that must succeed; its error in the failure message otherwise. */
export function data<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected success, got ${result.error.code}: ${result.error.message}`)
  return result.data
}

/** The error of a call that must fail. */
export function refusal(result: Result<unknown>): ApiError & { code: ErrorCode } {
  if (result.ok) throw new Error(`expected a refusal, got ${JSON.stringify(result.data).slice(0, 200)}`)
  return result.error
}
