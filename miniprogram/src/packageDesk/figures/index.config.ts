export default definePageConfig({ navigationBarTitleText: '年度数据' })
