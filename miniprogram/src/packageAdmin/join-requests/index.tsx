import '../messages'
import { useState } from 'react'
import { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { JoinRequestView } from '../../../../shared/api/contract'
import type { Result } from '../../../../shared/errors'
import type { MemberCategory } from '../../../../shared/domain/member'
import { call } from '../../services/api'
import { formatTime } from '../../services/format'
import { confirm, toast, useBusy, useResource } from '../../services/hooks'
import PageShell from '../../components/PageShell'
import FormField, { SelectField } from '../../components/FormField'
import { Loading, LoadError, StatusCard } from '../../components/StatusView'
import PromptSheet from '../../components/PromptSheet'
import { categoryOptions, groupOptions } from '../options'
import Chip from '../../components/Chip'
import './index.scss'

interface Loaded {
  requests: JoinRequestView[]
  groups: Array<{ id: string; name: string }>
}

async function load(): Promise<Result<Loaded>> {
  const [requests, roster] = await Promise.all([call('join.listRequests', {}), call('roster.list', {})])
  if (!requests.ok) return requests
  if (!roster.ok) return roster
  return { ok: true, data: { requests: requests.data, groups: roster.data.groups } }
}

type Run = ReturnType<typeof useBusy>['run']

/**
 * 加入申请: people whose name and phone did not match the roster exactly. The secretary binds
 * them to an existing entry, adds them as a new member, or declines.
 */
export default function JoinRequestsPage() {
  const { state, reload } = useResource(load)
  const { busy, run } = useBusy()
  const [rejecting, setRejecting] = useState<JoinRequestView | null>(null)

  useDidShow(() => {
    void reload()
  })

  const decide = async (input: Parameters<typeof call<'join.decide'>>[1], done: string) => {
    const r = await call('join.decide', input)
    if (!r.ok) {
      toast(r.error.message)
      // Someone else may have handled it already: show the current list.
      if (r.error.code === 'JOIN.REQUEST_CLOSED') void reload({ quiet: true })
      return false
    }
    toast(done, 'success')
    void reload({ quiet: true })
    return true
  }

  const reject = (request: JoinRequestView, comment: string) =>
    run(`reject:${request.id}`, async () => {
      if (await decide({ requestId: request.id, decision: 'reject', ...(comment ? { comment } : {}) }, '已拒绝')) setRejecting(null)
    })

  return (
    <PageShell title='加入申请' subtitle='姓名或手机号与花名册对不上的申请，由你核对'>
      {state.status === 'loading' ? <Loading /> : null}
      {state.status === 'error' ? <LoadError error={state.error} onRetry={() => void reload()} /> : null}
      {state.status === 'ready' && !state.data.requests.length ? (
        <StatusCard tone='green' mark='✓' title='没有待处理的申请' note='姓名和手机号与花名册一致的老师会直接加入，不需要审核。' />
      ) : null}
      {state.status === 'ready'
        ? state.data.requests.map((request) => (
            <RequestCard key={request.id} request={request} groups={state.data.groups} busy={busy} run={run} decide={decide} onReject={() => setRejecting(request)} />
          ))
        : null}

      <PromptSheet
        visible={rejecting !== null}
        title={`拒绝${rejecting?.name ?? ''}的申请`}
        note='可以写一句原因（选填），申请人会在“我的数据”中看到结果。'
        placeholder='原因（选填）'
        multiline
        confirmText='拒绝'
        danger
        busy={rejecting !== null && busy === `reject:${rejecting.id}`}
        onConfirm={(comment) => rejecting && void reject(rejecting, comment)}
        onCancel={() => setRejecting(null)}
      />
    </PageShell>
  )
}

interface CardProps {
  request: JoinRequestView
  groups: Loaded['groups']
  busy: string | null
  run: Run
  decide: (input: Parameters<typeof call<'join.decide'>>[1], done: string) => Promise<boolean>
  onReject: () => void
}

function RequestCard({ request, groups, busy, run, decide, onReject }: CardProps) {
  const [creating, setCreating] = useState(false)
  const [category, setCategory] = useState<MemberCategory | undefined>(undefined)
  const [groupId, setGroupId] = useState<string | null>(null)
  const [categoryError, setCategoryError] = useState<string | null>(null)
  const matched = request.candidates.some((c) => !c.bound)

  const bind = (memberId: string, memberName: string) =>
    run(`bind:${request.id}:${memberId}`, async () => {
      const sure = await confirm('绑定到此成员', `将申请人“${request.name}”（${request.phoneMasked}）的微信绑定到花名册中的“${memberName}”？`, '绑定')
      if (sure) await decide({ requestId: request.id, decision: 'bindExisting', memberId }, '已绑定')
    })

  const create = () =>
    run(`create:${request.id}`, async () => {
      if (!category) {
        setCategoryError('请选择党员类别')
        return
      }
      await decide({ requestId: request.id, decision: 'createMember', category, groupId }, '已加入花名册')
    })

  return (
    <View className='card requests__card'>
      <View className='requests__head'>
        <Text className='requests__name'>{request.name}</Text>
        <Text className='requests__phone'>{request.phoneMasked}</Text>
      </View>
      <View className='muted'>申请时间 {formatTime(request.submittedAt)}</View>

      <View className='requests__label'>花名册中可能是：</View>
      {request.candidates.length ? (
        request.candidates.map((c) => (
          <View className='requests__candidate' key={c.memberId}>
            <View className='requests__candidate-main'>
              <View>
                <Text className='requests__candidate-name'>{c.name}</Text>
                {c.bound ? <Chip>已绑定其他微信</Chip> : null}
              </View>
              <View className='muted'>
                {c.groupName ?? '未分组'} · {c.phoneMasked}
              </View>
            </View>
            <Button size='small' type='primary' disabled={busy !== null || c.bound} loading={busy === `bind:${request.id}:${c.memberId}`} onClick={() => void bind(c.memberId, c.name)}>
              绑定到此成员
            </Button>
          </View>
        ))
      ) : (
        <View className='requests__none'>花名册中没有同名或同手机号的成员。</View>
      )}

      {creating ? (
        <View className='requests__create'>
          <FormField label='党员类别' error={categoryError ?? undefined}>
            <SelectField
              options={categoryOptions}
              value={category}
              placeholder='请选择党员类别'
              onChange={(v) => {
                setCategory(v)
                setCategoryError(null)
              }}
            />
          </FormField>
          <FormField label='党小组' required={false}>
            <SelectField options={groupOptions(groups)} value={groupId} onChange={setGroupId} />
          </FormField>
          <View className='requests__actions'>
            <Button size='small' fill='outline' type='default' disabled={busy !== null} onClick={() => setCreating(false)}>
              取消
            </Button>
            <Button size='small' type='primary' disabled={busy !== null} loading={busy === `create:${request.id}`} onClick={() => void create()}>
              确认加入花名册
            </Button>
          </View>
        </View>
      ) : (
        <View className='requests__actions'>
          <Button size='small' fill='outline' type='default' disabled={busy !== null} onClick={onReject}>
            拒绝
          </Button>
          {/* A matching entry is the likely answer: then adding a new member is the secondary way. */}
          <Button size='small' type={matched ? 'default' : 'primary'} fill={matched ? 'outline' : 'solid'} disabled={busy !== null} onClick={() => setCreating(true)}>
            作为新成员加入
          </Button>
        </View>
      )}
    </View>
  )
}
