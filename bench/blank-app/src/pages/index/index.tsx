import { Text, View } from '@tarojs/components'

export default function Blank() {
  return (
    <View>
      <Text>空白页</Text>
    </View>
  )
}
