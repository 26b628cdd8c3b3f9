export default definePageConfig({ navigationBarTitleText: '各支部概况' })
