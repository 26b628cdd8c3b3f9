export default definePageConfig({ navigationBarTitleText: '台账明细' })
