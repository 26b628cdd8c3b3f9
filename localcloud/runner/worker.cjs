'use strict'
// One function instance: loads the built bundle once (module state stays warm between calls,
// as in the cloud) and serves one invocation at a time with that call's context in process.env.
const { parentPort, workerData } = require('node:worker_threads')

const contextKeys = ['WX_OPENID', 'WX_APPID', 'WX_UNIONID', 'WX_CLIENTIP', 'WX_API_TOKEN', 'TCB_SOURCE', 'TRIGGER_SRC']
let main
let loadError

// Load the bundle at start, as a cold start in the cloud does, then say we are ready.
try {
  const mod = require(workerData.bundlePath)
  main = mod.main
  if (typeof main !== 'function') throw new Error(`${workerData.bundlePath} does not export main`)
} catch (error) {
  loadError = error
}
parentPort.postMessage({ ready: true })

const failure = (error) => ({ message: String((error && error.message) || error), stack: error && error.stack })

parentPort.on('message', async (message) => {
  const { id, context, env } = message
  for (const key of contextKeys) {
    if (env[key] === undefined) delete process.env[key]
    else process.env[key] = String(env[key])
  }
  try {
    if (loadError) throw loadError
    // The event travels as JSON, as it does in the cloud.
    const result = await main(JSON.parse(message.event), context)
    parentPort.postMessage({ id, ok: true, result: result === undefined ? null : result })
  } catch (error) {
    try {
      parentPort.postMessage({ id, ok: false, error: failure(error) })
    } catch (postError) {
      // A result that cannot be cloned lands here too; answer with why rather than never.
      parentPort.postMessage({ id, ok: false, error: failure(postError) })
    }
  }
})
