import path from 'node:path'
import { buildFunctions } from '../../scripts/build-functions'

const root = path.resolve(__dirname, '../..')

/** Builds the project's functions and the test fixture functions once per run (~0.2 s). */
export default async function globalSetup(): Promise<void> {
  await buildFunctions(path.join(root, 'cloudfunctions'), path.join(root, 'build', 'cloudfunctions'), { quiet: true })
  await buildFunctions(path.join(root, 'tests', 'fixtures', 'functions'), path.join(root, 'build', 'test-functions'), { quiet: true })
}
