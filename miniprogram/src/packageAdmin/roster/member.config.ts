export default definePageConfig({ navigationBarTitleText: '成员信息' })
