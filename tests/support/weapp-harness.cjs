'use strict'
// Runs one page of the built weapp bundle in plain Node: fake wx/App/Page globals stand in for
// the WeChat client, and wx.cloud.callFunction reaches the local cloud as the given identity.
// Prints one JSON line: { found, calls, callsBeforeContent, text } where text is everything Taro sent to setData.
// Usage: node weapp-harness.cjs <weappDir> <cloudUrl> <openid> <pagePath> <queryJSON> <waitForText>
const path = require('node:path')
const [weappDir, cloudUrl, openid, pagePath, queryJson, waitFor] = process.argv.slice(2)

const calls = []
const storage = new Map()
let appInstance
let pageDefinition
let rendered = ''
// The calls made before the awaited text first reached setData: what the first screen waited on.
let callsBeforeContent
const noop = () => {}

global.wx = {
  cloud: {
    init: noop,
    callFunction: async ({ name, data }) => {
      calls.push({ name, action: data && data.action })
      const res = await fetch(`${cloudUrl}/localcloud/invoke`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, event: data, openid }) })
      const outcome = await res.json()
      if (!outcome.ok) throw Object.assign(new Error(outcome.error.errMsg), { errCode: outcome.error.errCode })
      return { result: outcome.result, errMsg: 'cloud.callFunction:ok' }
    },
  },
  getPrivacySetting: (o) => o.success({ needAuthorization: false, privacyContractName: '', errMsg: 'ok' }),
  onNeedPrivacyAuthorization: noop,
  openPrivacyContract: noop,
  getSystemInfoSync: () => ({ platform: 'devtools', windowWidth: 375, windowHeight: 812, pixelRatio: 2 }),
  getWindowInfo: () => ({ windowWidth: 375, windowHeight: 812, pixelRatio: 2 }),
  getDeviceInfo: () => ({ platform: 'devtools' }),
  getAppBaseInfo: () => ({ SDKVersion: '3.6.0' }),
  canIUse: () => true,
  setTabBarBadge: (o) => o && o.success && o.success({ errMsg: 'setTabBarBadge:ok' }),
  removeTabBarBadge: (o) => o && o.success && o.success({ errMsg: 'removeTabBarBadge:ok' }),
  showToast: noop,
  showLoading: noop,
  hideLoading: noop,
  showModal: (o) => o && o.success && o.success({ confirm: true }),
  // Phone storage (drafts kept on the phone), in memory for the run.
  getStorageSync: (key) => (storage.has(key) ? storage.get(key) : ''),
  setStorageSync: (key, value) => void storage.set(key, value),
  removeStorageSync: (key) => void storage.delete(key),
  nextTick: (f) => setTimeout(f, 0),
  switchTab: noop,
  navigateTo: noop,
  redirectTo: noop,
  getLocation: (o) => o && o.fail && o.fail({ errMsg: 'getLocation:fail' }),
  createSelectorQuery: () => ({ select: () => ({ boundingClientRect: () => ({ exec: noop }) }), selectAll: () => ({}), in() { return this } }),
}
global.getApp = () => appInstance
global.getCurrentPages = () => []
global.requirePlugin = () => ({})
global.App = (o) => (appInstance = o)
global.Component = noop
global.Page = (o) => (pageDefinition = o)
global.Behavior = (o) => o

const load = (file) => require(path.join(weappDir, file))
load('app.js')
appInstance.onLaunch({ path: pagePath, query: JSON.parse(queryJson) })
load(`${pagePath}.js`)
const page = Object.assign(Object.create(null), pageDefinition, {
  route: pagePath,
  __wxExparserNodeId__: 'page',
  data: {},
  setData(data, callback) {
    rendered += JSON.stringify(data)
    if (callsBeforeContent === undefined && rendered.includes(waitFor)) callsBeforeContent = calls.slice()
    if (callback) callback()
  },
  selectComponent: noop,
})
global.getCurrentPages = () => [page]
page.onLoad.call(page, JSON.parse(queryJson))
if (page.onShow) page.onShow.call(page)
if (page.onReady) page.onReady.call(page)

const deadline = Date.now() + 15000
const poll = setInterval(() => {
  const found = rendered.includes(waitFor)
  if (found || Date.now() > deadline) {
    clearInterval(poll)
    const text = [...rendered.matchAll(/"v":"((?:[^"\\]|\\.)*)"/g)].map((m) => JSON.parse(`"${m[1]}"`)).filter((t) => t.trim()).join(' | ')
    process.stdout.write(JSON.stringify({ found, calls, callsBeforeContent: callsBeforeContent ?? calls, text }) + '\n')
    process.exit(0)
  }
}, 50)
