export default definePageConfig({ navigationBarTitleText: '团队数据' })
