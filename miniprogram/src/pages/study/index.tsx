import ComingSoon from '../../components/ComingSoon'

export default function Study() {
  return (
    <ComingSoon
      title='学习'
      headline='理论学习与心得交流功能即将上线'
      plans={[
        { name: '学习资料', note: '支部统一下发的学习内容' },
        { name: '学习心得', note: '提交个人学习心得，支部内交流' },
      ]}
    />
  )
}
