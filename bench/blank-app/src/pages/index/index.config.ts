export default definePageConfig({ navigationBarTitleText: '空白页' })
