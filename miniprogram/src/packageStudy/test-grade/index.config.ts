export default definePageConfig({ navigationBarTitleText: '评阅简答题' })
