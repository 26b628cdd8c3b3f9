import '../messages'
import Taro, { useDidShow } from '@tarojs/taro'
import { Image, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { call } from '../../services/api'
import { toast, useBusy, useResource } from '../../services/hooks'
import { saveImage } from '../../services/download'
import PageShell from '../../components/PageShell'
import { Loading, LoadError } from '../../components/StatusView'
import './index.scss'

/** 支部加入码: the code and the mini-program code members scan to join this branch. */
export default function InvitePage() {
  const { state, reload } = useResource(() => call('join.inviteCode', {}))
  const { busy, run } = useBusy()
  const weapp = process.env.TARO_ENV === 'weapp'
  useDidShow(() => {
    void reload()
  })

  const copy = (code: string) =>
    Taro.setClipboardData({ data: code }).then(
      () => process.env.TARO_ENV !== 'weapp' && toast('已复制加入码', 'success'),
      () => toast('复制失败，请重试'),
    )

  return (
    <PageShell title='支部加入码' subtitle={state.status === 'ready' ? state.data.branchName : ' '}>
      {state.status === 'loading' ? <Loading /> : null}
      {state.status === 'error' ? <LoadError error={state.error} onRetry={() => void reload()} /> : null}
      {state.status === 'ready' ? (
        <>
          <View className='card invite__card'>
            <View className='invite__label'>加入码</View>
            <View className='invite__code'>{state.data.inviteCode}</View>
            <Button size='small' type='primary' fill='outline' onClick={() => void copy(state.data.inviteCode)}>
              复制加入码
            </Button>
            {/* The code is square: the default scaleToFill keeps it (aspectFit mis-centres on H5). */}
            <Image className='invite__qr' src={state.data.qr.url} showMenuByLongpress />
            <View className='muted'>{weapp ? '长按二维码可转发给党员；保存到相册后可以打印张贴' : '在手机上长按二维码图片即可保存或转发'}</View>
            <Button
              className='invite__save'
              size='small'
              type='primary'
              loading={busy === 'save'}
              onClick={() =>
                void run('save', async () => {
                  const saved = await saveImage({ ...state.data.qr, fileName: `${state.data.branchName}加入码.png` })
                  if (saved.ok) toast(weapp ? '已保存到相册' : '已下载二维码图片', 'success')
                  else toast(saved.error.message)
                })
              }
            >
              {weapp ? '保存到相册' : '下载二维码图片'}
            </Button>
          </View>
          <View className='section-title'>怎样加入</View>
          <View className='card invite__steps'>
            <View>1. 用微信扫描上方二维码，或在支部通“我的 → 加入支部”中输入加入码。</View>
            <View>2. 填写姓名和手机号。与花名册登记一致的，立即加入。</View>
            <View>3. 对不上的会出现在“加入申请”里，由你核对后绑定。</View>
          </View>
          <View className='muted invite__warn'>加入码只在本支部内发放，不要贴到公开的群或网页上。</View>
        </>
      ) : null}
    </PageShell>
  )
}
