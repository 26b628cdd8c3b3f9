export default definePageConfig({ navigationBarTitleText: '审阅心得' })
