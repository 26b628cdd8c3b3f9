import { useEffect, useMemo, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button, Checkbox } from '@nutui/nutui-react-taro'
import type { MemberDetailView } from '../../../../../shared/api/contract'
import { abilitiesOf } from '../../../../../shared/domain/meeting-roles'
import { capabilities, capabilityChanges, capabilityLabels, defaultCapabilities, isLockedCapability, type Capability } from '../../../../../shared/domain/permissions'
import { call } from '../../../services/api'
import { toast, type useBusy } from '../../../services/hooks'

type Run = ReturnType<typeof useBusy>['run']

/**
 * 权限: one box per capability, ticked if the member has it now. What the positions bring is
 * the default; the difference is sent as grants and revokes.
 */
export default function PermissionsCard({ detail, busy, run, onSaved }: { detail: MemberDetailView; busy: string | null; run: Run; onSaved: (d: MemberDetailView) => void }) {
  const defaults = useMemo(() => defaultCapabilities(detail.positions), [detail.positions])
  const locked = (c: Capability) => isLockedCapability(detail.positions, c)
  const [checked, setChecked] = useState<Set<Capability>>(() => new Set(detail.capabilities))
  useEffect(() => setChecked(new Set(detail.capabilities)), [detail])

  const dirty = capabilities.some((c) => checked.has(c) !== detail.capabilities.includes(c))

  const save = () =>
    run('caps', async () => {
      const { grants, revokes } = capabilityChanges(detail.positions, checked)
      const r = await call('roster.setCapabilities', { memberId: detail.id, grants, revokes })
      if (!r.ok) return toast(r.error.message)
      onSaved(r.data)
      toast('权限已更新', 'success')
    })

  return (
    <>
      <View className='section-title'>权限</View>
      <View className='card'>
        <View className='member__caps-now'>
          当前生效：
          {abilitiesOf(detail).join('、') || '普通成员（无管理权限）'}
        </View>
        {capabilities.map((c) => (
          <View className='member__cap' key={c}>
            <Checkbox
              checked={checked.has(c)}
              disabled={locked(c) || busy !== null}
              label={capabilityLabels[c]}
              onChange={(on) =>
                setChecked((prev) => {
                  const next = new Set(prev)
                  if (on) next.add(c)
                  else next.delete(c)
                  return next
                })
              }
            />
            <Text className='muted'>{locked(c) ? '书记始终拥有' : defaults.has(c) ? '职务自带' : ''}</Text>
          </View>
        ))}
        <View className='muted member__caps-note'>默认权限随职务确定；在此勾选或取消，只对这位成员生效。</View>
        <View className='actions'>
          <Button type='primary' fill='outline' block loading={busy === 'caps'} disabled={busy !== null || !dirty} onClick={() => void save()}>
            保存权限
          </Button>
        </View>
      </View>
    </>
  )
}
