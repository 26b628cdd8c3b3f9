export default definePageConfig({ navigationBarTitleText: '理论测试' })
