import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'

const root = path.resolve(__dirname, '../..')

/** Starts a TypeScript script in a child process and waits for its first stdout line matching. */
export async function startScript(
  script: string,
  args: string[],
  ready: RegExp,
  env: Record<string, string> = {},
  timeoutMs = 60_000,
): Promise<{ child: ChildProcess; line: string; output: () => string }> {
  // node --import tsx, not the tsx CLI: the CLI runs the script in a grandchild, which a kill -9
  // of the child would leave running.
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, script), ...args], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  let err = ''
  child.stderr?.on('data', (chunk) => (err += chunk))
  const line = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} did not start in ${timeoutMs} ms:\n${out}\n${err}`)), timeoutMs)
    child.stdout?.on('data', (chunk) => {
      out += chunk
      const match = out.split('\n').find((l) => ready.test(l))
      if (match) {
        clearTimeout(timer)
        resolve(match)
      }
    })
    child.on('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`${script} exited with ${code}:\n${out}\n${err}`))
    })
  })
  child.removeAllListeners('exit')
  return { child, line, output: () => out + err }
}

export function stop(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve()
    child.once('exit', () => resolve())
    child.kill(signal)
  })
}
