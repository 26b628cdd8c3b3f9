export default definePageConfig({ navigationBarTitleText: '年度学习' })
