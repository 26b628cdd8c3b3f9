import { benchCloud } from './harness'
import { reminderDispatch } from './reminders'
import { seedDemo } from '../localcloud/demo-data'
async function main() {
  const cloud = await benchCloud()
  try {
    await seedDemo(cloud.store)
    console.log(await reminderDispatch(cloud))
  } finally { await cloud.close() }
}
main().catch((e) => { console.error(e); process.exit(1) })
