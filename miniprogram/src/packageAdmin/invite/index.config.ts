export default definePageConfig({ navigationBarTitleText: '支部加入码' })
