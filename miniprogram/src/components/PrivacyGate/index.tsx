import { useEffect, useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Sheet from '../Sheet'
import {
  AGREE_BUTTON_ID,
  answerPrivacy,
  getPrivacyState,
  openPrivacyContract,
  reportExposure,
  subscribePrivacy,
  type PrivacyState,
} from './privacy'
import './index.scss'

/** Current privacy state; re-renders on change. Static on H5. */
export function usePrivacyState(): PrivacyState {
  const [state, setState] = useState(getPrivacyState)
  useEffect(() => subscribePrivacy(setState), [])
  return state
}

function PrivacyPopup() {
  const { pending, contractName } = usePrivacyState()

  useEffect(() => {
    if (pending) reportExposure()
  }, [pending])

  // No way around it by tapping the mask: the person answers 同意 or 拒绝.
  return (
    <Sheet visible={pending} zIndex={2000} className='privacy-gate'>
      <View className='privacy-gate__sheet'>
        <View className='privacy-gate__title'>用户隐私保护提示</View>
        <View className='privacy-gate__body'>
          <Text>
            为开展支部组织生活，支部通会使用你的姓名、手机号、所在党组织与职务、签到与志愿服务记录和学习心得，仅在本支部内使用，不收集身份证号。使用前请阅读
          </Text>
          <Text className='privacy-gate__link' onClick={openPrivacyContract}>
            {contractName || '《支部通隐私保护指引》'}
          </Text>
          <Text>。同意后才能使用扫码签到等功能。</Text>
        </View>
        <View className='privacy-gate__actions'>
          <Button className='privacy-gate__btn privacy-gate__btn--ghost' onClick={() => answerPrivacy(false)}>
            拒绝
          </Button>
          <Button
            id={AGREE_BUTTON_ID}
            className='privacy-gate__btn privacy-gate__btn--primary'
            openType='agreePrivacyAuthorization'
            onAgreePrivacyAuthorization={() => answerPrivacy(true)}
          >
            同意
          </Button>
        </View>
      </View>
    </Sheet>
  )
}

/**
 * Renders the WeChat privacy agreement popup when a privacy API asks for it.
 * Put it on every page (PageShell does). Renders nothing on H5.
 */
export default function PrivacyGate() {
  if (process.env.TARO_ENV !== 'weapp') return null
  return <PrivacyPopup />
}
