import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import PageShell from '../../components/PageShell'
import './index.scss'

const entries = [
  { path: '/pages/meetings/index', name: '活动', note: '会议与扫码签到', status: '即将上线' },
  { path: '/pages/volunteer/index', name: '志愿', note: '志愿服务报名与记录', status: '即将上线' },
  { path: '/pages/study/index', name: '学习', note: '学习资料与心得', status: '即将上线' },
  { path: '/pages/mine/index', name: '我的', note: '个人信息与隐私说明', status: '可用' },
]

export default function Home() {
  return (
    <PageShell title='支部通' subtitle='党支部组织生活，一处办理'>
      <View className='card home__intro'>
        <View className='home__intro-title'>欢迎使用支部通</View>
        <View className='home__intro-text'>
          支部通正在建设中。会议签到、志愿服务和学习心得将陆续上线，届时可在下方各栏目直接使用。
        </View>
      </View>
      <View className='section-title'>栏目</View>
      <View className='home__grid'>
        {entries.map((entry) => (
          <View className='home__tile' key={entry.path} onClick={() => void Taro.switchTab({ url: entry.path })}>
            <View className='home__tile-head'>
              <Text className='home__tile-name'>{entry.name}</Text>
              <Text className={entry.status === '可用' ? 'home__tag home__tag--ready' : 'home__tag'}>{entry.status}</Text>
            </View>
            <Text className='home__tile-note'>{entry.note}</Text>
          </View>
        ))}
      </View>
    </PageShell>
  )
}
