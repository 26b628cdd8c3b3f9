export default definePageConfig({ navigationBarTitleText: '历史补录' })
