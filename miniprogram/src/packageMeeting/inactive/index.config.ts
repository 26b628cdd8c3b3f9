export default definePageConfig({ navigationBarTitleText: '需关注成员' })
