import type { PropsWithChildren } from 'react'
import Taro, { useLaunch } from '@tarojs/taro'
import { initPrivacy } from './components/PrivacyGate/privacy'

import './app.scss'

// Cloud SDK: weapp only, once, before any page can call a function.
// TARO_APP_CLOUD_ENV is '' unless set (see config/index.ts); '' → the default environment.
if (process.env.TARO_ENV === 'weapp') {
  Taro.cloud.init({
    env: process.env.TARO_APP_CLOUD_ENV || undefined,
    traceUser: true,
  })
}

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    initPrivacy()
  })

  // children are the pages
  return children
}

export default App
