import '../messages'
import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { ImportSummary } from '../../../../shared/api/contract'
import type { ApiError } from '../../../../shared/errors'
import { call } from '../../services/api'
import { openFile } from '../../services/download'
import { checkExcel, formatSize, pickExcelFile, uploadFile, type PickedFile } from '../../services/files'
import { rowNumber } from '../../services/format'
import { toast, useBusy } from '../../services/hooks'
import PageShell from '../../components/PageShell'
import './import.scss'

type Stage =
  | { kind: 'idle' }
  | { kind: 'working'; file: PickedFile; doing: string }
  | { kind: 'failed'; file: PickedFile; error: ApiError }
  | { kind: 'checked'; file: PickedFile; fileID: string; summary: ImportSummary }
  | { kind: 'done'; summary: ImportSummary }

const isWeapp = process.env.TARO_ENV === 'weapp'

/**
 * Import the roster from Excel: upload, let the server check every row (dryRun), show what
 * would change or every bad row, then import for real. Nothing is half-imported.
 */
export default function RosterImport() {
  const [stage, setStage] = useState<Stage>({ kind: 'idle' })
  const { busy, run } = useBusy()

  const downloadTemplate = () =>
    run('template', async () => {
      const link = await call('roster.template', {})
      if (!link.ok) return toast(link.error.message)
      const opened = await openFile(link.data)
      if (!opened.ok) toast(opened.error.message)
    })

  const chooseAndCheck = () =>
    run('check', async () => {
      const file = await pickExcelFile()
      if (!file) return
      const problem = checkExcel(file)
      if (problem) return setStage({ kind: 'failed', file, error: problem })
      setStage({ kind: 'working', file, doing: '正在上传…' })
      // The server names the upload and records it as this person's.
      const target = await call('roster.prepareImport', {})
      if (!target.ok) return setStage({ kind: 'failed', file, error: target.error })
      const uploaded = await uploadFile(target.data.cloudPath, file)
      if (!uploaded.ok) return setStage({ kind: 'failed', file, error: uploaded.error })
      setStage({ kind: 'working', file, doing: '正在逐行检查…' })
      const checked = await call('roster.import', { fileID: uploaded.data.fileID, dryRun: true })
      if (!checked.ok) return setStage({ kind: 'failed', file, error: checked.error })
      setStage({ kind: 'checked', file, fileID: uploaded.data.fileID, summary: checked.data })
    })

  const confirmImport = (file: PickedFile, fileID: string) =>
    run('import', async () => {
      const r = await call('roster.import', { fileID, dryRun: false })
      if (!r.ok) return setStage({ kind: 'failed', file, error: r.error })
      setStage({ kind: 'done', summary: r.data })
    })

  if (stage.kind === 'done') {
    return (
      <PageShell title='导入花名册' subtitle='导入完成'>
        <View className='card import__done'>
          <View className='import__done-mark'>✓</View>
          <View className='import__done-title'>导入完成</View>
          <SummaryText summary={stage.summary} done />
          <View className='actions'>
            <Button type='primary' block onClick={() => void Taro.navigateBack()}>
              返回花名册
            </Button>
          </View>
        </View>
      </PageShell>
    )
  }

  const file = stage.kind === 'idle' ? null : stage.file
  const nothingToDo = stage.kind === 'checked' && stage.summary.created + stage.summary.updated === 0 && stage.summary.groupsCreated.length === 0

  return (
    <PageShell title='导入花名册' subtitle='先检查、再导入，有错误时不会导入任何数据'>
      <View className='card'>
        <StepHead n={1} title='下载模板，按模板填写' />
        <View className='import__text'>每行一名成员，填写姓名、党员类别、党小组、职务、手机号等。党小组不存在时会自动新建。</View>
        <Button className='import__step-btn' size='small' fill='outline' type='primary' loading={busy === 'template'} disabled={busy !== null} onClick={() => void downloadTemplate()}>
          下载模板
        </Button>
      </View>

      <View className='card'>
        <StepHead n={2} title='选择填好的表格' />
        <View className='import__text'>
          {isWeapp
            ? '小程序只能读取微信聊天中的文件：请先把表格发送到“文件传输助手”或任一聊天，再从聊天记录中选择。'
            : '请选择电脑上填好的表格文件。'}
          只支持 .xlsx 格式，不超过 5 MB。
        </View>
        {file ? (
          <View className='import__file'>
            <Text className='import__file-name'>{file.name}</Text>
            <Text className='muted'>{formatSize(file.size)}</Text>
          </View>
        ) : null}
        {stage.kind === 'working' ? <View className='import__working'>{stage.doing}</View> : null}
        <Button className='import__step-btn' type='primary' fill={file ? 'outline' : 'solid'} loading={busy === 'check'} disabled={busy !== null} onClick={() => void chooseAndCheck()}>
          {file ? '重新选择文件' : '选择 Excel 文件'}
        </Button>
      </View>

      {stage.kind === 'failed' ? <ImportError error={stage.error} /> : null}

      {stage.kind === 'checked' ? (
        <View className='card'>
          <StepHead n={3} title='核对后确认导入' />
          <View className='alert alert--success import__summary'>
            <SummaryText summary={stage.summary} />
          </View>
          {nothingToDo ? <View className='import__text'>表格与花名册一致，无需导入。</View> : null}
          <Button
            type='primary'
            block
            loading={busy === 'import'}
            disabled={busy !== null || nothingToDo}
            onClick={() => void confirmImport(stage.file, stage.fileID)}
          >
            {busy === 'import' ? '正在导入…' : '确认导入'}
          </Button>
        </View>
      ) : null}
    </PageShell>
  )
}

function StepHead({ n, title }: { n: number; title: string }) {
  return (
    <View className='import__step'>
      <Text className='import__step-n'>{n}</Text>
      <Text className='import__step-title'>{title}</Text>
    </View>
  )
}

function SummaryText({ summary, done }: { summary: ImportSummary; done?: boolean }) {
  const verb = done ? '' : '将'
  return (
    <View className='import__summary-text'>
      <View>
        表格共 {summary.rows} 行：{verb}新增 {summary.created} 人、{verb}更新 {summary.updated} 人、不变 {summary.unchanged} 人。
      </View>
      {summary.changes.length ? (
        <View className='import__changes'>
          <View>{done ? '已更新' : '将更新'}：</View>
          {summary.changes.map((c) => (
            <View className='import__change' key={c.row}>
              第{c.row}行 {c.name}：{c.change}
            </View>
          ))}
        </View>
      ) : null}
      {summary.groupsCreated.length ? (
        <View>
          {done ? '已新建党小组' : '将新建党小组'}：{summary.groupsCreated.join('、')}
        </View>
      ) : null}
    </View>
  )
}

/** Every bad row, as “第3行：原因”, in row order; or the one reason the file was refused. */
function ImportError({ error }: { error: ApiError }) {
  const rows = error.code === 'IMPORT.ROWS_INVALID' && error.fields ? Object.entries(error.fields).sort(([a], [b]) => rowNumber(a) - rowNumber(b)) : []
  return (
    <View className='alert alert--error import__errors'>
      <View className='alert__title'>{error.message}</View>
      {rows.length ? (
        <>
          <View className='import__errors-count'>请在表格中改正以下 {rows.length} 行，保存后重新选择文件：</View>
          {rows.map(([row, reason]) => (
            <View className='alert__line import__error-line' key={row}>
              {row}：{reason}
            </View>
          ))}
        </>
      ) : null}
    </View>
  )
}
