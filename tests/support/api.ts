import ExcelJS from 'exceljs'
import type { ActionInput, ActionName, ActionOutput } from '../../shared/api/contract'
import { functionOf } from '../../shared/api/routing'
import type { Result } from '../../shared/errors'
import type { LocalCloud } from '../../localcloud/server'

/** Calls an action as a given WeChat identity, exactly as the mini-program's client would. */
export async function callAs<A extends ActionName>(cloud: LocalCloud, openid: string | undefined, action: A, input: ActionInput<A>): Promise<Result<ActionOutput<A>>> {
  const outcome = await cloud.invoke(functionOf(action), { action, input }, { openid })
  if (!outcome.ok) throw new Error(`${action} failed to run: ${outcome.error?.errMsg}`)
  return outcome.result as Result<ActionOutput<A>>
}

/** The data of a successful call, or a failed test naming the error. */
export async function ok<A extends ActionName>(cloud: LocalCloud, openid: string, action: A, input: ActionInput<A>): Promise<ActionOutput<A>> {
  const result = await callAs(cloud, openid, action, input)
  if (!result.ok) throw new Error(`${action} as ${openid}: ${result.error.code} ${result.error.message} ${JSON.stringify(result.error.fields ?? {})}`)
  return result.data
}

/** Builds an .xlsx in memory: a header row and data rows, as a secretary's spreadsheet would be. */
export async function xlsx(rows: Array<Array<string | number | Date | null>>, options: { title?: string } = {}): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('Sheet1')
  if (options.title) sheet.addRow([options.title])
  for (const row of rows) sheet.addRow(row)
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

/** Reads the first sheet of an .xlsx into rows of cell values. */
export async function readXlsx(content: Buffer): Promise<unknown[][]> {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(content as unknown as ArrayBuffer)
  const rows: unknown[][] = []
  workbook.worksheets[0].eachRow((row) => rows.push((row.values as unknown[]).slice(1)))
  return rows
}

/**
 * Uploads a file as a phone does: asks the server for the name (as `uploader`), then puts the
 * bytes there. A roster sheet by default; a photo of a meeting's minutes with `meetingId`.
 */
export async function upload(cloud: LocalCloud, uploader: string, content: Buffer, meetingId?: string): Promise<string> {
  const { cloudPath } = meetingId ? await ok(cloud, uploader, 'minutes.preparePhoto', { meetingId, ext: 'jpg' }) : await ok(cloud, uploader, 'roster.prepareImport', {})
  const { access, fileID } = await cloud.storage.clientWrite(uploader, cloudPath, content)
  if (!fileID) throw new Error(`upload to ${cloudPath}: ${access}`)
  return fileID
}

/** Uploads a file as a phone would, to the name an action (e.g. study.preparePhoto) issued to the uploader. */
export async function uploadTo<A extends ActionName>(cloud: LocalCloud, uploader: string, prepare: A, input: ActionInput<A>, content: Buffer): Promise<string> {
  const { cloudPath } = (await ok(cloud, uploader, prepare, input)) as unknown as { cloudPath: string }
  const { access, fileID } = await cloud.storage.clientWrite(uploader, cloudPath, content)
  if (!fileID) throw new Error(`upload to ${cloudPath}: ${access}`)
  return fileID
}

export const header = ['姓名', '党员类别', '党小组', '职务', '手机号', '入党时间']
