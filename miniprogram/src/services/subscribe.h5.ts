import './subscribe-dialog.h5.scss'
import { noOutcome, type RequestSubscribe, type SubscribeOutcome } from './subscribe-types'

/**
 * The browser build's stand-in for WeChat's subscribe dialog: the same choice (allow or
 * cancel, and "总是保持以上选择，不再询问"), recorded as acceptances in the local cloud, which
 * then lets subscribeMessage.send deliver that many messages. As in WeChat, templates with a
 * kept answer are answered without showing the dialog.
 */
export const requestSubscribe: RequestSubscribe = async (templateIds, labels) => {
  try {
    const settings = (await post('/gateway/subscribe/settings', {})) as { mainSwitch: boolean; itemSettings: Record<string, 'accept' | 'reject'> }
    const allKept = templateIds.every((id) => settings.itemSettings[id])
    const choice = allKept ? { answer: 'accept' as const, keep: false } : await showDialog(labels)
    const answers = (await post('/gateway/subscribe', { templateIds, ...choice })) as Record<string, string>
    const after = (await post('/gateway/subscribe/settings', {})) as typeof settings
    const kept: SubscribeOutcome['kept'] = {}
    for (const id of templateIds) if (after.itemSettings[id]) kept[id] = after.itemSettings[id]
    return { answers, kept, mainSwitch: after.mainSwitch, errCode: null }
  } catch {
    return noOutcome(-1)
  }
}

async function post(path: string, body: unknown): Promise<unknown> {
  const res = await fetch(path, { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`)
  return res.json()
}

function showDialog(labels: string[]): Promise<{ answer: 'accept' | 'reject'; keep: boolean }> {
  return new Promise((resolve) => {
    const root = document.createElement('div')
    root.className = 'subscribe-dialog'
    root.setAttribute('role', 'dialog')
    root.setAttribute('aria-label', '订阅消息')
    const el = (tag: string, className: string, text?: string) => {
      const node = document.createElement(tag)
      node.className = className
      if (text) node.textContent = text
      return node
    }
    const panel = el('div', 'subscribe-dialog__panel')
    panel.append(el('div', 'subscribe-dialog__title', '支部通 申请向你发送以下消息'), el('div', 'subscribe-dialog__note', '每允许一次，可收到一条对应的提醒'))
    for (const label of labels) {
      const item = el('div', 'subscribe-dialog__item')
      item.append(el('span', '', label), el('span', 'subscribe-dialog__tick', '✓'))
      panel.append(item)
    }
    const keep = document.createElement('input')
    keep.type = 'checkbox'
    keep.name = 'keep'
    const keepRow = el('label', 'subscribe-dialog__keep')
    keepRow.append(keep, el('span', '', '总是保持以上选择，不再询问'))
    const actions = el('div', 'subscribe-dialog__actions')
    const cancel = el('button', 'subscribe-dialog__button', '取消')
    const allow = el('button', 'subscribe-dialog__button subscribe-dialog__button--allow', '允许')
    actions.append(cancel, allow)
    panel.append(keepRow, actions)
    root.append(el('div', 'subscribe-dialog__mask'), panel)
    const close = (answer: 'accept' | 'reject') => {
      root.remove()
      resolve({ answer, keep: keep.checked })
    }
    cancel.addEventListener('click', () => close('reject'))
    allow.addEventListener('click', () => close('accept'))
    document.body.append(root)
  })
}
