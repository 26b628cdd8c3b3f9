import { build } from 'esbuild'
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'

const root = path.resolve(__dirname, '..')
const sdkVersion: string = require(path.join(root, 'package.json')).dependencies['wx-server-sdk']

/**
 * Bundles each function folder (`<src>/<name>/index.ts` + `config.json`) into a deployable
 * folder `<out>/<name>/` holding index.js, package.json and config.json. Shared code is inlined;
 * only wx-server-sdk stays external (the cloud installs it from package.json). An import that
 * does not resolve fails the build.
 */
export async function buildFunctions(srcDir: string, outDir: string, options: { quiet?: boolean } = {}): Promise<string[]> {
  const names = readdirSync(srcDir).filter(
    (name) => !name.startsWith('_') && !name.startsWith('.') && existsSync(path.join(srcDir, name, 'index.ts')),
  )
  mkdirSync(outDir, { recursive: true })
  for (const name of names) {
    const target = path.join(outDir, name)
    rmSync(target, { recursive: true, force: true })
    mkdirSync(target, { recursive: true })
    const result = await build({
      entryPoints: [path.join(srcDir, name, 'index.ts')],
      outfile: path.join(target, 'index.js'),
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node16',
      external: ['wx-server-sdk'],
      logLevel: 'silent',
      metafile: true,
      legalComments: 'none',
    })
    const inputs = Object.keys(result.metafile.inputs)
    const foreign = inputs.filter((file) => /node_modules[\\/](@tarojs|react)/.test(file))
    if (foreign.length) throw new Error(`function ${name} bundles client code: ${foreign.join(', ')}`)
    const configFile = path.join(srcDir, name, 'config.json')
    if (existsSync(configFile)) copyFileSync(configFile, path.join(target, 'config.json'))
    else writeFileSync(path.join(target, 'config.json'), JSON.stringify({ permissions: { openapi: [] } }, null, 2) + '\n')
    writeFileSync(
      path.join(target, 'package.json'),
      JSON.stringify(
        { name, version: '1.0.0', private: true, main: 'index.js', dependencies: { 'wx-server-sdk': sdkVersion } },
        null,
        2,
      ) + '\n',
    )
    if (!options.quiet) {
      const bytes = result.metafile.outputs[Object.keys(result.metafile.outputs)[0]].bytes
      console.log(`  ${name.padEnd(16)} ${(bytes / 1024).toFixed(1).padStart(7)} KB  ${inputs.length} modules`)
    }
  }
  return names
}

if (require.main === module) {
  const started = Date.now()
  buildFunctions(path.join(root, 'cloudfunctions'), path.join(root, 'build', 'cloudfunctions'))
    .then((names) => console.log(`built ${names.length} cloud functions in ${Date.now() - started} ms → build/cloudfunctions`))
    .catch((error) => {
      console.error(error.message ?? error)
      process.exit(1)
    })
}
