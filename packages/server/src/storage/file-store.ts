import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { notFound } from '../http/errors.js';

/**
 * Where uploaded files live: bytes under an opaque random key, nothing else (the module's own table keeps the
 * type, size, name and owner). One on local disk by default; an object store can replace it behind this shape.
 */
export type FileStore = {
  /** Stores the bytes and returns a new random key. */
  put(bytes: Buffer): Promise<string>;
  /** The stored bytes; a 404 AppError when the key is unknown. */
  read(key: string): Promise<Buffer>;
  /** Removes the file; a key already gone is no error (a retried delete). */
  remove(key: string): Promise<void>;
};

/** 32 hex digits: what `put` hands out, and all `read`/`remove` accept (never a path from outside). */
const KEY = /^[0-9a-f]{32}$/;

/**
 * Files in `<root>/<first two digits of the key>/<key>`: a folder holds at most a few hundred thousand files
 * even at a province's scale. A file is written to a side name and renamed, so a reader never sees half of it.
 */
export function diskFileStore(root: string): FileStore {
  const pathOf = (key: string) => {
    if (!KEY.test(key)) throw notFound('文件');
    return join(root, key.slice(0, 2), key);
  };
  return {
    async put(bytes) {
      const key = randomBytes(16).toString('hex');
      const file = pathOf(key);
      await mkdir(join(root, key.slice(0, 2)), { recursive: true });
      const side = `${file}.${randomBytes(4).toString('hex')}.part`;
      await writeFile(side, bytes, { mode: 0o600 });
      await rename(side, file);
      return key;
    },
    async read(key) {
      try {
        return await readFile(pathOf(key));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw notFound('文件');
        throw error;
      }
    },
    async remove(key) {
      await rm(pathOf(key), { force: true });
    },
  };
}

let configured: FileStore | undefined;

/**
 * Sets the store's folder from the configuration's data folder (buildApp): `<DATA_DIR>/files`. An empty data
 * folder (the API tests, the OpenAPI generator) gets a fresh temporary folder of its own, never the working
 * directory's `data/`.
 */
export function configureFileStore(dataDir: string, store?: FileStore): void {
  if (store) {
    configured = store;
    return;
  }
  if (dataDir) {
    const root = join(resolve(dataDir), 'files');
    mkdirSync(root, { recursive: true, mode: 0o700 });
    configured = diskFileStore(root);
  } else {
    configured = undefined;
  }
}

/** The store uploads go to (see configureFileStore). */
export function fileStore(): FileStore {
  configured ??= diskFileStore(mkdtempSync(join(tmpdir(), 'gongjian-files-')));
  return configured;
}
