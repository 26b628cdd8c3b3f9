export default definePageConfig({ navigationBarTitleText: '加入申请' })
