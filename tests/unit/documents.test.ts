import { readFileSync } from 'node:fs'
import path from 'node:path'
import { collectionNames } from '../../shared/domain/documents'

describe('document types', () => {
  it('name every collection of database/collections.json, and only those', () => {
    const file = JSON.parse(readFileSync(path.resolve(__dirname, '../../database/collections.json'), 'utf8')) as { collections: Record<string, unknown> }
    expect([...collectionNames].sort()).toEqual(Object.keys(file.collections).sort())
  })
})
