import { seedDemo } from '../demo/demo-data'
import { deskCosts } from './desk'
import { historyCosts } from './history'
import { benchCloud } from './harness'

async function main() {
  const cloud = await benchCloud()
  try {
    await seedDemo(cloud.store)
    const r = { ...(await deskCosts(cloud)), ...(await historyCosts(cloud)) }
    console.log(JSON.stringify(r))
  } finally {
    await cloud.close()
  }
}
void main()
