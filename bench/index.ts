import { seedDemo } from '../demo/demo-data'
import ExcelJS from 'exceljs'
import { checkinBurst, summaryCost } from './checkin'
import { hoursExportBench, signupBench, signupRaces } from './volunteer'
import { reminderBacklog, reminderDispatch } from './reminders'
import { studyCosts } from './study'
import { deskCosts } from './desk'
import { appraisalBench } from './appraisal'
import { duesBench } from './dues'
import { developmentCosts } from './development'
import { historyCosts } from './history'
import { firstScreenBench } from './first-screen'
import { benchCloud, sdkFor, summarize, timeEach } from './harness'
import path from 'node:path'
import { kb, mainPackageFiles } from '../scripts/main-package'

async function workbook(rows: Array<Array<string | null>>): Promise<Buffer> {
  const book = new ExcelJS.Workbook()
  const sheet = book.addWorksheet('花名册')
  for (const row of rows) sheet.addRow(row)
  return Buffer.from(await book.xlsx.writeBuffer())
}

/**
 * Benchmarks of the local cloud. Prints a line per measurement, then one JSON object on the last
 * line. Database operations per invocation come from the runner's per-invocation count (every
 * request an instance sends carries its invocation's token), so later benchmarks can assert that
 * an action's cost does not grow with the branch.
 */
async function main() {
  const cloud = await benchCloud()
  const results: Record<string, number> = {}
  try {
    await seedDemo(cloud.store)

    // A function that does nothing: the runner's own overhead on a warm instance.
    await cloud.invoke('noop', {})
    const nullInvoke = summarize(await timeEach(300, () => cloud.invoke('noop', {})))
    results['runner.nullInvoke.p50ms'] = nullInvoke.p50ms
    results['runner.nullInvoke.p95ms'] = nullInvoke.p95ms

    // The same, called over HTTP as a client would (local invoke endpoint).
    const overHttp = () =>
      fetch(`${cloud.url}/localcloud/invoke`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'noop', event: {} }) }).then((r) => r.json())
    await overHttp()
    const httpInvoke = summarize(await timeEach(300, overHttp))
    results['runner.nullInvokeHttp.p50ms'] = httpInvoke.p50ms
    results['runner.nullInvokeHttp.p95ms'] = httpInvoke.p95ms

    // One doc().get() through the SDK and the HTTP API.
    const sdk = sdkFor(cloud)
    const db = sdk.database({ throwOnNotFound: false })
    await db.collection('members').doc('member-001').get()
    const roundtrip = summarize(await timeEach(500, () => db.collection('members').doc('member-001').get()))
    results['db.roundtrip.p50ms'] = roundtrip.p50ms
    results['db.roundtrip.p95ms'] = roundtrip.p95ms

    // Database operations of one invocation, as counted by the local cloud.
    const me = await cloud.invoke('member', { action: 'member.me', input: {} }, { openid: 'demo-secretary' })
    results['member.me.dbOps'] = me.stats.dbOps

    // 首页 of the secretary, who sees every figure of the desk.
    const desk = await cloud.invoke('home', { action: 'home.desk', input: {} }, { openid: 'demo-secretary' })
    if (!(desk.result as { ok: boolean }).ok) throw new Error(`home.desk failed: ${JSON.stringify(desk.result ?? desk.error)}`)
    results['home.desk.dbOps'] = desk.stats.dbOps

    // Importing a 2,000-row roster: batched writes, not a round trip per row.
    const rows: Array<Array<string | null>> = [['姓名', '党员类别', '党小组', '职务', '手机号', '入党时间']]
    const groupNames = ['第一党小组（语文组）', '第二党小组（数学组）', '第三党小组（综合组）', '第四党小组', '第五党小组']
    for (let i = 0; i < 2000; i++) rows.push([`成员${String.fromCharCode(0x4e00 + (i % 500))}${i}`.replace(/\d/g, (d) => '零一二三四五六七八九'[Number(d)]), i % 10 === 0 ? '预备党员' : '正式党员', groupNames[i % 5], '', `135${String(i).padStart(8, '0')}`, '2015-07-01'])
    // Uploaded as a phone does: to the name the server issues, through the storage's client write.
    const prepared = await cloud.invoke('roster', { action: 'roster.prepareImport', input: {} }, { openid: 'demo-secretary' })
    const { cloudPath } = (prepared.result as { data: { cloudPath: string } }).data
    const { fileID } = await cloud.storage.clientWrite('demo-secretary', cloudPath, await workbook(rows))
    if (!fileID) throw new Error(`upload to ${cloudPath} refused`)
    await cloud.invoke('roster', { action: 'roster.list', input: {} }, { openid: 'demo-secretary' })
    const started = Date.now()
    const imported = await cloud.invoke('roster', { action: 'roster.import', input: { fileID, dryRun: false } }, { openid: 'demo-secretary' })
    results['roster.import2000.ms'] = Date.now() - started
    results['roster.import2000.dbOps'] = imported.stats.dbOps
    const summary = (imported.result as { ok: boolean; data?: { created: number } }).data
    if (!summary || summary.created !== 2000) throw new Error(`import failed: ${JSON.stringify(imported.result ?? imported.error)}`)
    const again = await cloud.invoke('roster', { action: 'roster.import', input: { fileID, dryRun: false } }, { openid: 'demo-secretary' })
    results['roster.reimport2000.dbOps'] = again.stats.dbOps

    Object.assign(results, await checkinBurst(cloud))
    Object.assign(results, await summaryCost(cloud))
    Object.assign(results, await signupBench(cloud))
    Object.assign(results, await signupRaces(cloud))
    Object.assign(results, await hoursExportBench(cloud))
    Object.assign(results, await reminderDispatch(cloud))
    Object.assign(results, await reminderBacklog(cloud))
    Object.assign(results, await studyCosts(cloud))
    Object.assign(results, await deskCosts(cloud))
    Object.assign(results, await appraisalBench(cloud))
    Object.assign(results, await duesBench(cloud))
    Object.assign(results, await developmentCosts(cloud))
    Object.assign(results, await historyCosts(cloud))

    results['ratio.nullInvokeOverDbRoundtrip'] = Math.round((nullInvoke.p50ms / roundtrip.p50ms) * 100) / 100
  } finally {
    await cloud.close()
  }
  // What every teacher downloads first (`npm run bench` builds weapp before it measures).
  results['weapp.mainPackageKB'] = kb(mainPackageFiles(path.resolve(__dirname, '../build/weapp')).reduce((sum, f) => sum + f.bytes, 0))
  // The H5 app's first screens against a blank Taro page, in Chromium (`npm run bench` builds H5).
  Object.assign(results, await firstScreenBench())
  for (const [key, value] of Object.entries(results)) console.log(`${key.padEnd(36)} ${value}`)
  console.log(JSON.stringify(results))
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
