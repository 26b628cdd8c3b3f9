export default definePageConfig({ navigationBarTitleText: '测试情况' })
