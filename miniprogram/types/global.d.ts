/// <reference types="@tarojs/taro" />

declare module '*.png'
declare module '*.gif'
declare module '*.jpg'
declare module '*.jpeg'
declare module '*.svg'
declare module '*.css'
declare module '*.scss'

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production'
    /** Replaced at build time; always compare it written out in full: process.env.TARO_ENV === 'weapp'. */
    TARO_ENV: 'weapp' | 'h5' | 'swan' | 'alipay' | 'tt' | 'qq' | 'jd' | 'rn' | 'harmony' | 'jdrn'
    /** Mini-program AppID, from miniprogram/.env* files (Taro writes it into project.config.json). */
    TARO_APP_ID?: string
    /** WeChat cloud environment id; '' means the default environment. See config/index.ts. */
    TARO_APP_CLOUD_ENV: string
  }
}

/**
 * The raw WeChat global, declared only for what this app uses directly (the privacy APIs).
 * Every use must sit inside `if (process.env.TARO_ENV === 'weapp')`; members are optional
 * because old base libraries lack them.
 */
declare const wx: {
  getPrivacySetting?: (option: Taro.getPrivacySetting.Option) => void
  onNeedPrivacyAuthorization?: (listener: Taro.onNeedPrivacyAuthorization.Listener) => void
  openPrivacyContract?: (option?: Taro.openPrivacyContract.Option) => void
}
