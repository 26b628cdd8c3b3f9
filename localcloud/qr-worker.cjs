'use strict'
// Renders QR PNGs for the local cloud's mini-program codes, off the server's event loop: a PNG
// takes tens of milliseconds of CPU, which would otherwise hold up every other request.
const { parentPort } = require('node:worker_threads')
const QRCode = require('qrcode')

parentPort.on('message', async ({ id, text, width }) => {
  try {
    const png = await QRCode.toBuffer(text, { type: 'png', width, margin: 2, errorCorrectionLevel: 'M' })
    parentPort.postMessage({ id, png })
  } catch (error) {
    parentPort.postMessage({ id, error: String((error && error.message) || error) })
  }
})
