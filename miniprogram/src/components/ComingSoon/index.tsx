import { Text, View } from '@tarojs/components'
import PageShell from '../PageShell'
import './index.scss'

interface Props {
  title: string
  /** One sentence: what this tab will be for. */
  headline: string
  /** What is planned here, plainly. */
  plans: { name: string; note: string }[]
}

/** Honest placeholder for a tab whose feature is not built yet: no sample data. */
export default function ComingSoon({ title, headline, plans }: Props) {
  return (
    <PageShell title={title} subtitle='功能建设中'>
      <View className='card soon'>
        <View className='soon__badge'>即将上线</View>
        <View className='soon__headline'>{headline}</View>
        <View className='soon__list'>
          {plans.map((plan) => (
            <View className='soon__item' key={plan.name}>
              <View className='soon__dot' />
              <View className='soon__text'>
                <Text className='soon__name'>{plan.name}</Text>
                <Text className='soon__note'>{plan.note}</Text>
              </View>
            </View>
          ))}
        </View>
      </View>
      <View className='soon__footer'>上线后会在这里直接使用，无需另外安装。</View>
    </PageShell>
  )
}
