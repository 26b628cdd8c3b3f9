import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { DocumentStore } from './db/store'

/** Who uploaded each file from a client (cloudPath → OPENID), for the "仅创建者可读写" rule. */
export const filesCollection = '_localcloud_files'

export type ClientAccess = 'ok' | 'invalidPath' | 'forbidden' | 'notFound' | 'notIssued' | 'expired'

/**
 * The names the product issues for uploads from phones, as records in one of its collections
 * (`openid`, `cloudPath`, `createdAt`): `keyOf` finds a name's record id from the path.
 */
export interface IssuedUploads {
  collection: string
  keyOf: (cloudPath: string) => string | null
  ttlMs: number
}

export interface StorageOptions {
  /** Folder for stored files; omit to keep files in memory. */
  dir?: string
  envId: string
  /** Base URL of the local server, for upload and download links. */
  baseUrl: () => string
  secret: Buffer
  /** Keeps each file's owner. */
  store: DocumentStore
  /**
   * When given, a client uploads only to a name issued to its identity, once, before the name
   * expires; otherwise to any free path (the storage rule alone). On WeChat's cloud the storage
   * rule 仅创建者可读写 keeps the first writer the only one; the functions check the rest
   * (cloudfunctions/_lib/uploads.ts `ownUploads`).
   */
  issuedUploads?: IssuedUploads
}

/**
 * Cloud storage on local disk. Upload follows the cloud's two steps (metadata, then a PUT of the
 * bytes); temporary URLs are signed and expire like the cloud's. Clients (the H5 gateway standing
 * in for wx.cloud.uploadFile / downloadFile) are held to production's storage rule "仅创建者可读写":
 * a file's owner is the OPENID that created it, and no other identity can overwrite or read it.
 * The server side (functions, through the SDK) may read and write every file, as in the cloud.
 */
export class LocalStorage {
  private readonly memory = new Map<string, Buffer>()
  private readonly pendingUploads = new Map<string, { cloudPath: string; expires: number }>()
  readonly bucket: string

  constructor(private readonly options: StorageOptions) {
    this.bucket = 'local-bucket'
  }

  async init(): Promise<void> {
    await this.options.store.createCollection(filesCollection)
  }

  /** The OPENID that uploaded a file from a client; undefined for files the server wrote. */
  ownerOf(cloudPath: string): string | undefined {
    return this.options.store.getDoc(filesCollection, cloudPath)?.owner as string | undefined
  }

  /**
   * A client's upload: creates the file for `openid`, or replaces one it created itself. The
   * owner is recorded before the bytes land, under the store's lock, so of two identities racing
   * for one new path exactly one wins.
   */
  async clientWrite(openid: string, cloudPath: string, content: Buffer): Promise<{ access: ClientAccess; fileID?: string }> {
    if (!isSafePath(cloudPath)) return { access: 'invalidPath' }
    const store = this.options.store
    const claim = await store.writeLock.run(async () => {
      const owner = this.ownerOf(cloudPath)
      if (this.options.issuedUploads) {
        const refusal = this.issueRefusal(openid, cloudPath)
        if (refusal) return refusal
        // Once: an issued name takes one upload, so the bytes behind it never change.
        if (owner !== undefined || (await this.exists(cloudPath))) return 'taken'
      } else {
        if (owner !== undefined) return owner === openid ? 'own' : 'taken'
        // A file nobody claimed was written by the server: clients may not replace it.
        if (await this.exists(cloudPath)) return 'taken'
      }
      // Who stored the bytes, recorded before they land.
      await store.commitLocked([{ coll: filesCollection, id: cloudPath, doc: { _id: cloudPath, owner: openid, createdAt: new Date(), size: content.length } }])
      return 'new'
    })
    if (claim === 'notIssued' || claim === 'expired') return { access: claim }
    if (claim === 'taken') return { access: 'forbidden' }
    if (!(await this.write(cloudPath, content))) {
      if (claim === 'new') await store.commit([{ coll: filesCollection, id: cloudPath, doc: null }])
      return { access: 'invalidPath' }
    }
    return { access: 'ok', fileID: this.fileIdOf(cloudPath) }
  }

  /** Why `openid` may not upload to `cloudPath` under the issued names, or null when it may. */
  private issueRefusal(openid: string, cloudPath: string): 'notIssued' | 'expired' | null {
    const issued = this.options.issuedUploads as IssuedUploads
    const key = issued.keyOf(cloudPath)
    const record = key ? this.options.store.getDoc(issued.collection, key) : undefined
    if (!record || record.cloudPath !== cloudPath || record.openid !== openid) return 'notIssued'
    const issuedAt = new Date(record.createdAt as string | Date).getTime()
    if (!(issuedAt + issued.ttlMs > Date.now())) return 'expired'
    return null
  }

  /** A client's download: only the identity that created the file may read it. */
  async clientRead(openid: string, fileId: string): Promise<{ access: ClientAccess; content?: Buffer; cloudPath?: string }> {
    const cloudPath = this.cloudPathOf(fileId)
    if (!cloudPath) return { access: 'invalidPath' }
    const content = await this.read(cloudPath)
    if (!content) return { access: 'notFound' }
    if (this.ownerOf(cloudPath) !== openid) return { access: 'forbidden' }
    return { access: 'ok', content, cloudPath }
  }

  fileIdOf(cloudPath: string): string {
    return `cloud://${this.options.envId}.${this.bucket}/${cloudPath}`
  }

  /** cloud://env.bucket/a/b.png → a/b.png, or undefined when it is not one of ours. */
  cloudPathOf(fileId: string): string | undefined {
    const prefix = `cloud://${this.options.envId}.${this.bucket}/`
    if (!fileId.startsWith(prefix)) return undefined
    const cloudPath = fileId.slice(prefix.length)
    return isSafePath(cloudPath) ? cloudPath : undefined
  }

  async handle(action: string, params: Record<string, unknown>): Promise<unknown> {
    switch (action) {
      case 'storage.getUploadMetadata': {
        const cloudPath = String(params.path ?? '')
        if (!isSafePath(cloudPath)) return { code: 'STORAGE_REQUEST_FAIL', message: `[InvalidParameter] invalid cloudPath ${cloudPath}` }
        const token = randomBytes(16).toString('hex')
        this.pendingUploads.set(token, { cloudPath, expires: Date.now() + 10 * 60_000 })
        return {
          data: {
            url: `${this.options.baseUrl()}/storage/upload/${token}`,
            token,
            authorization: token,
            fileId: this.fileIdOf(cloudPath),
            cosFileId: token,
            download_url: this.signedUrl(cloudPath, 600),
          },
        }
      }
      case 'storage.batchGetDownloadUrl': {
        const list = Array.isArray(params.file_list) ? (params.file_list as Array<Record<string, unknown>>) : []
        const download_list = await Promise.all(
          list.map(async (item) => {
            const fileID = String(item.fileid ?? '')
            const maxAge = typeof item.max_age === 'number' ? item.max_age : 7200
            const cloudPath = this.cloudPathOf(fileID)
            if (!cloudPath || !(await this.exists(cloudPath))) {
              return { fileID, tempFileURL: '', code: 'STORAGE_FILE_NONEXIST' }
            }
            return { fileID, tempFileURL: this.signedUrl(cloudPath, maxAge), code: 'SUCCESS', maxAge }
          }),
        )
        return { data: { download_list } }
      }
      case 'storage.batchDeleteFile': {
        const list = Array.isArray(params.fileid_list) ? (params.fileid_list as string[]) : []
        const delete_list = await Promise.all(
          list.map(async (fileID) => {
            const cloudPath = this.cloudPathOf(String(fileID))
            if (!cloudPath || !(await this.exists(cloudPath))) return { fileID, code: 'STORAGE_FILE_NONEXIST' }
            await this.remove(cloudPath)
            if (this.ownerOf(cloudPath) !== undefined) await this.options.store.commit([{ coll: filesCollection, id: cloudPath, doc: null }])
            return { fileID, code: 'SUCCESS' }
          }),
        )
        return { data: { delete_list } }
      }
      default:
        return { code: 'STORAGE_REQUEST_FAIL', message: `[InvalidAction] unsupported storage action ${action}` }
    }
  }

  /** Stores a file as the server would; its fileID, or undefined for a bad path. */
  async store(cloudPath: string, content: Buffer): Promise<string | undefined> {
    if (!isSafePath(cloudPath) || !(await this.write(cloudPath, content))) return undefined
    return this.fileIdOf(cloudPath)
  }

  /** The PUT of an upload's bytes; false when the token is unknown or expired. */
  async receiveUpload(token: string, body: Buffer): Promise<boolean> {
    const pending = this.pendingUploads.get(token)
    if (!pending || pending.expires < Date.now()) return false
    this.pendingUploads.delete(token)
    return this.write(pending.cloudPath, body)
  }

  /** Reads a file behind a signed URL; undefined when the signature is wrong or expired. */
  async readSigned(cloudPath: string, expires: string, sign: string): Promise<Buffer | undefined> {
    const expected = this.signature(cloudPath, expires)
    const given = Buffer.from(sign)
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined
    if (Number(expires) < Math.floor(Date.now() / 1000)) return undefined
    return this.read(cloudPath)
  }

  private signature(cloudPath: string, expires: string): Buffer {
    return Buffer.from(createHmac('sha256', this.options.secret).update(`${cloudPath}\n${expires}`).digest('hex'))
  }

  private signedUrl(cloudPath: string, maxAgeSeconds: number): string {
    const expires = String(Math.floor(Date.now() / 1000) + maxAgeSeconds)
    const sign = this.signature(cloudPath, expires).toString()
    return `${this.options.baseUrl()}/storage/file/${cloudPath.split('/').map(encodeURIComponent).join('/')}?expires=${expires}&sign=${sign}`
  }

  private diskPath(cloudPath: string): string {
    return path.join(this.options.dir as string, ...cloudPath.split('/'))
  }

  /** Writes a file; false when the file system refuses the path (a name taken by a folder…). */
  private async write(cloudPath: string, body: Buffer): Promise<boolean> {
    if (!this.options.dir) {
      this.memory.set(cloudPath, body)
      return true
    }
    const file = this.diskPath(cloudPath)
    try {
      await mkdir(path.dirname(file), { recursive: true })
      await writeFile(file, body)
      return true
    } catch {
      return false
    }
  }

  async read(cloudPath: string): Promise<Buffer | undefined> {
    if (!this.options.dir) return this.memory.get(cloudPath)
    try {
      return await readFile(this.diskPath(cloudPath))
    } catch {
      return undefined
    }
  }

  private async exists(cloudPath: string): Promise<boolean> {
    return (await this.read(cloudPath)) !== undefined
  }

  private async remove(cloudPath: string): Promise<void> {
    if (!this.options.dir) this.memory.delete(cloudPath)
    else await rm(this.diskPath(cloudPath), { force: true })
  }
}

/**
 * A cloud path with no traversal, absolute parts, empty segments or control characters, at most
 * 850 bytes (the object-key limit of the cloud's storage) and no name longer than a file system
 * takes (255 bytes).
 */
export function isSafePath(cloudPath: string): boolean {
  return (
    cloudPath.length > 0 &&
    Buffer.byteLength(cloudPath) <= 850 &&
    !cloudPath.startsWith('/') &&
    !/[\u0000-\u001f\u007f\\]/.test(cloudPath) &&
    cloudPath.split('/').every((part) => part !== '' && part !== '.' && part !== '..' && Buffer.byteLength(part) <= 255)
  )
}
