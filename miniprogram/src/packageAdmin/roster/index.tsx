import '../messages'
import { useEffect, useMemo, useRef, useState } from 'react'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Input, Switch } from '@nutui/nutui-react-taro'
import type { ActionOutput, RosterMemberView } from '../../../../shared/api/contract'
import { memberCategoryLabels, positionLabels } from '../../../../shared/domain/member'
import { call } from '../../services/api'
import { openFile } from '../../services/download'
import { fieldError, toast, useBusy, useResource } from '../../services/hooks'
import PageShell from '../../components/PageShell'
import { Loading, LoadError, StatusCard } from '../../components/StatusView'
import PromptSheet from '../../components/PromptSheet'
import { categoryChipTone } from '../options'
import Chip from '../../components/Chip'
import './index.scss'

type Roster = ActionOutput<'roster.list'>

const go = (url: string) => void Taro.navigateTo({ url })

/**
 * 花名册: the branch's members by 党小组. The secretary edits from here; an organisation admin
 * opening another branch (?branchId=) sees it read-only.
 */
export default function RosterPage() {
  const { params } = useRouter()
  const branchId = params.branchId ? decodeURIComponent(params.branchId) : undefined
  const [showTransferred, setShowTransferred] = useState(false)
  const [query, setQuery] = useState('')
  const [groupSheet, setGroupSheet] = useState<{ open: boolean; error: string | null }>({ open: false, error: null })
  const { busy, run } = useBusy()
  const { state, reload } = useResource(() =>
    call('roster.list', { ...(branchId ? { branchId } : {}), includeTransferred: showTransferred }),
  )

  useDidShow(() => {
    void reload()
  })
  const mounted = useRef(false)
  useEffect(() => {
    if (mounted.current) void reload()
    mounted.current = true
  }, [showTransferred, reload])

  const roster = state.status === 'ready' ? state.data : null
  const canManage = roster?.canManage ?? false

  const download = (key: 'export' | 'template') =>
    run(key, async () => {
      const link = key === 'export' ? await call('roster.export', branchId ? { branchId } : {}) : await call('roster.template', {})
      if (!link.ok) return toast(link.error.message)
      const opened = await openFile(link.data)
      if (!opened.ok) toast(opened.error.message)
    })

  const createGroup = (name: string) =>
    run('group', async () => {
      const r = await call('roster.createGroup', { name })
      if (!r.ok) {
        setGroupSheet({ open: true, error: fieldError(r.error, 'name') })
        return
      }
      setGroupSheet({ open: false, error: null })
      toast(`已新建党小组“${r.data.name}”`)
      void reload({ quiet: true })
    })

  return (
    <PageShell title='花名册' subtitle={roster ? roster.branch.name : ' '} hero={roster ? <RosterHero roster={roster} /> : null}>
      {state.status === 'loading' ? <Loading /> : null}
      {state.status === 'error' ? <LoadError error={state.error} onRetry={() => void reload()} /> : null}

      {roster ? (
        <>
          {canManage ? (
            <View className='card roster__tools'>
              <View className='roster__tools-main'>
                <Button type='primary' disabled={busy !== null} onClick={() => go('/packageAdmin/roster/import')}>
                  导入（Excel）
                </Button>
                <Button type='primary' fill='outline' disabled={busy !== null} onClick={() => go('/packageAdmin/roster/member')}>
                  添加成员
                </Button>
              </View>
              <View className='roster__tools-more'>
                <Button size='small' fill='outline' type='default' loading={busy === 'export'} disabled={busy !== null} onClick={() => void download('export')}>
                  导出
                </Button>
                <Button size='small' fill='outline' type='default' loading={busy === 'template'} disabled={busy !== null} onClick={() => void download('template')}>
                  下载模板
                </Button>
                <Button size='small' fill='outline' type='default' disabled={busy !== null} onClick={() => setGroupSheet({ open: true, error: null })}>
                  新建党小组
                </Button>
              </View>
            </View>
          ) : (
            <View className='alert alert--info roster__readonly'>
              <View>只读查看：花名册由本支部维护。</View>
              <Button size='small' fill='outline' type='primary' loading={busy === 'export'} disabled={busy !== null} onClick={() => void download('export')}>
                导出
              </Button>
            </View>
          )}

          <View className='roster__filters'>
            <View className='roster__search'>
              <Input name='search' placeholder='搜索姓名' value={query} clearable onChange={setQuery} />
            </View>
            <View className='roster__toggle'>
              <Text className='roster__toggle-label'>显示已转出</Text>
              <Switch checked={showTransferred} onChange={setShowTransferred} />
            </View>
          </View>

          <MemberGroups roster={roster} query={query.trim()} canOpen={canManage} />
        </>
      ) : null}

      <PromptSheet
        visible={groupSheet.open}
        title='新建党小组'
        note='例如“第一党小组（语文组）”。建好后可在成员信息中把成员分到这个小组。'
        placeholder='党小组名称'
        requiredMessage='请填写党小组名称'
        maxLength={30}
        confirmText='新建'
        error={groupSheet.error}
        busy={busy === 'group'}
        onConfirm={(name) => void createGroup(name)}
        onCancel={() => setGroupSheet({ open: false, error: null })}
      />
    </PageShell>
  )
}

function RosterHero({ roster }: { roster: Roster }) {
  const active = roster.members.filter((m) => m.status === 'active')
  const bound = active.filter((m) => m.bound).length
  return (
    <View className='roster__hero'>
      <View className='roster__stat'>
        <Text className='roster__stat-num'>{active.length}</Text>
        <Text className='roster__stat-label'>在册（人）</Text>
      </View>
      <View className='roster__stat'>
        <Text className='roster__stat-num'>{bound}</Text>
        <Text className='roster__stat-label'>已绑定微信</Text>
      </View>
      <View className='roster__stat'>
        <Text className='roster__stat-num'>{active.length - bound}</Text>
        <Text className='roster__stat-label'>未绑定</Text>
      </View>
      {roster.canManage ? (
        <View className='roster__invite' onClick={() => go('/packageAdmin/invite/index')}>
          加入码 {roster.branch.inviteCode} ›
        </View>
      ) : null}
    </View>
  )
}

function MemberGroups({ roster, query, canOpen }: { roster: Roster; query: string; canOpen: boolean }) {
  const sections = useMemo(() => {
    const matches = roster.members.filter((m) => !query || m.name.includes(query))
    const known = new Set(roster.groups.map((g) => g.id))
    const list = roster.groups.map((g) => ({ key: g.id, name: g.name, members: matches.filter((m) => m.groupId === g.id) }))
    list.push({ key: '__none', name: '未分组', members: matches.filter((m) => !m.groupId || !known.has(m.groupId)) })
    // Empty groups still show while not searching, so a new group is visible.
    return list.filter((s) => s.members.length > 0 || (!query && s.key !== '__none'))
  }, [roster, query])

  if (!roster.members.length) {
    return (
      <StatusCard
        title='花名册还是空的'
        note={roster.canManage ? '先下载模板，按模板填好后导入；也可以逐个添加成员。' : '该支部还没有录入成员。'}
      />
    )
  }
  if (!sections.some((s) => s.members.length)) {
    return <View className='card muted roster__empty'>没有找到“{query}”</View>
  }
  return (
    <>
      {sections.map((section) => (
        <View key={section.key}>
          <View className='section-title'>
            {section.name} · {section.members.filter((m) => m.status === 'active').length} 人
          </View>
          <View className='card card--flush'>
            {section.members.length ? (
              section.members.map((m) => <MemberRow key={m.id} member={m} canOpen={canOpen} />)
            ) : (
              <View className='muted roster__group-empty'>这个党小组还没有成员</View>
            )}
          </View>
        </View>
      ))}
    </>
  )
}

function MemberRow({ member, canOpen }: { member: RosterMemberView; canOpen: boolean }) {
  const transferred = member.status === 'transferredOut'
  const positions = member.positions.map((p) => positionLabels[p]).join('、')
  return (
    <View
      className={transferred ? 'roster__member roster__member--out' : 'roster__member'}
      onClick={canOpen ? () => go(`/packageAdmin/roster/member?memberId=${encodeURIComponent(member.id)}`) : undefined}
    >
      <View className='roster__member-main'>
        <View className='roster__member-line'>
          <Text className='roster__member-name'>{member.name}</Text>
          <Chip tone={categoryChipTone(member.category)}>{memberCategoryLabels[member.category]}</Chip>
          {transferred ? <Chip>已转出</Chip> : !member.bound ? <Chip tone='amber'>未绑定</Chip> : null}
        </View>
        <View className='roster__member-sub'>
          {positions ? <Text className='roster__member-pos'>{positions}</Text> : null}
          <Text>{member.phoneMasked}</Text>
        </View>
      </View>
      {canOpen ? <View className='roster__member-arrow'>›</View> : null}
    </View>
  )
}
