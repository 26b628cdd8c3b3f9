export default definePageConfig({ navigationBarTitleText: '按规则排班' })
