import path from 'node:path'
import { Worker } from 'node:worker_threads'

/**
 * QR images rendered in a worker thread of their own. Besides keeping the server responsive, the
 * worker runs as plain Node wherever the server itself runs: inside a test runner's sandbox, PNG
 * encoding is fifty times slower, enough to push a call that makes a code past its timeout.
 */
export class QrRenderer {
  private worker?: Worker
  private nextId = 1
  private readonly pending = new Map<number, { resolve: (png: Buffer) => void; reject: (error: Error) => void }>()

  render(text: string, width: number): Promise<Buffer> {
    const worker = this.start()
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject })
      worker.ref()
      worker.postMessage({ id, text, width })
    })
  }

  private start(): Worker {
    if (this.worker) return this.worker
    const worker = new Worker(path.join(__dirname, 'qr-worker.cjs'))
    worker.on('message', ({ id, png, error }: { id: number; png?: Uint8Array; error?: string }) => {
      const waiter = this.pending.get(id)
      this.pending.delete(id)
      if (this.pending.size === 0) worker.unref()
      if (!waiter) return
      if (png) waiter.resolve(Buffer.from(png))
      else waiter.reject(new Error(error ?? 'QR rendering failed'))
    })
    const fail = (error: Error) => {
      if (this.worker === worker) this.worker = undefined
      for (const waiter of this.pending.values()) waiter.reject(error)
      this.pending.clear()
    }
    worker.on('error', fail)
    worker.on('exit', () => fail(new Error('QR worker exited')))
    worker.unref()
    this.worker = worker
    return worker
  }

  async close(): Promise<void> {
    const worker = this.worker
    this.worker = undefined
    if (worker) await worker.terminate()
  }
}
