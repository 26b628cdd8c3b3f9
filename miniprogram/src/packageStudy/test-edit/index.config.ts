export default definePageConfig({ navigationBarTitleText: '设置理论测试' })
