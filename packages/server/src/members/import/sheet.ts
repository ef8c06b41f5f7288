import { createHash } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import type { UploadReadLimits } from '../../config.js';
import { AppError, invalid } from '../../http/errors.js';
import { isOle2, MAX_ROWS } from './read-sheet.js';
import type { SheetAnswer, SheetJob } from './sheet-worker.js';

export { MAX_ROWS };

// Bundled (dist/main.js) the worker is dist/sheet-worker.js beside it (build.mjs); from the sources (tests, tsx)
// it is the .ts file, which the worker loads through tsx.
const FROM_SOURCE = import.meta.url.endsWith('.ts');
const WORKER_URL = new URL(FROM_SOURCE ? './sheet-worker.ts' : './sheet-worker.js', import.meta.url);

/**
 * The worker's young generation, where short-lived objects go. A worker's is small by default: reading a
 * 100,000-row roster in a fresh worker spent 7 of its 14 s in ~650 scavenges; with 64 MB it takes ~5 s, as on the
 * main thread. `heapMb` bounds the old generation, which a file's cells and objects fill.
 */
const YOUNG_GENERATION_MB = 64;

function startWorker(heapMb: number): Worker {
  const options = { resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } };
  if (!FROM_SOURCE) return new Worker(WORKER_URL, options);
  // `execArgv: ['--import', 'tsx']` does not reach a worker's module loader in Node 20: the worker registers tsx
  // (found from the working directory, the repository's) and then imports the .ts file.
  const code = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(WORKER_URL.href)}); })`;
  return new Worker(code, { ...options, eval: true });
}

/**
 * The clock of an Excel 97–2003 or WPS file (read-xls.ts): it holds at most 65,536 rows a sheet, which SheetJS
 * reads in a few seconds, but builds the whole workbook at once with nothing checked before.
 */
const LEGACY_TIMEOUT_MS = 20_000;

/** An idle worker is kept this long for the next file (starting one costs ~0.2 s), then ended with its heap. */
const IDLE_MS = 15_000;

const duration = (ms: number) => (ms < 1000 ? `${ms}毫秒` : `${Math.round(ms / 1000)}秒`);

/**
 * Reads uploaded sheets in worker threads (sheet-worker.ts → read-sheet.ts), so that no file can take the server
 * down or hold it up: each read has its own heap (`heapMb`: a file that needs more is refused, the thread ends and
 * the server goes on) and its own clock (`timeoutMs`: the thread is stopped). At most `concurrent` files are read
 * at a time, `waiting` more wait for a turn, and one more is refused with 429. One per app (import.routes.ts).
 */
export class SheetReader {
  readonly #limits: UploadReadLimits;
  #running = 0;
  readonly #waiting: (() => void)[] = [];
  #idle: { worker: Worker; timer: NodeJS.Timeout }[] = [];
  #closed = false;
  #last: Entry | undefined;

  constructor(limits: UploadReadLimits) {
    this.#limits = limits;
  }

  /** The cells of the file's first sheet with content, as text; 400 (field 文件) when it is refused. */
  async read(file: Buffer): Promise<string[][]> {
    await this.#turn();
    try {
      return await this.#readInWorker(file);
    } finally {
      this.#leave();
    }
  }

  /**
   * The import page sends the same file three times (analyze, check, import), and reading a 100,000-row
   * .xlsx takes seconds: the last file read is kept for ten minutes under its SHA-256, so that the next step
   * gets the same cells without reading them again. One file only (tens of MB of text at most); the cells
   * depend on the bytes alone, never on who sends them. What `memo` keeps goes with the file: the key must name
   * everything else the value depends on. The same file sent again while it is read waits for that read.
   */
  async readOnce(file: Buffer): Promise<Sheet> {
    const hash = createHash('sha256').update(file).digest('hex');
    let entry = this.#last?.hash === hash ? this.#last : undefined;
    if (!entry) {
      if (this.#last) clearTimeout(this.#last.timer);
      const rows = this.read(file);
      const fresh: Entry = {
        hash,
        rows,
        timer: setTimeout(() => this.#last === fresh && (this.#last = undefined), KEEP_MS).unref(),
      };
      rows.catch(() => this.#last === fresh && (this.#last = undefined));
      this.#last = entry = fresh;
    }
    const kept = entry;
    return {
      rows: await kept.rows,
      memo<T>(key: string, compute: () => T): T {
        if (kept.derived?.key === key) return kept.derived.value as T;
        const value = compute();
        kept.derived = { key, value };
        return value;
      },
    };
  }

  /** Ends the idle workers (the app closes); a read under way ends with its worker. */
  async close(): Promise<void> {
    this.#closed = true;
    const idle = this.#idle;
    this.#idle = [];
    for (const { timer } of idle) clearTimeout(timer);
    await Promise.all(idle.map(({ worker }) => worker.terminate()));
  }

  #turn(): Promise<void> {
    if (this.#running < this.#limits.concurrent) {
      this.#running++;
      return Promise.resolve();
    }
    if (this.#waiting.length >= this.#limits.waiting) {
      return Promise.reject(new AppError('TOO_MANY_REQUESTS', '正在读取的文件较多，请稍后再试'));
    }
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  /** A read ends: its turn passes to the first file waiting, if any. */
  #leave(): void {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#running--;
  }

  #worker(): Worker {
    for (let kept = this.#idle.pop(); kept; kept = this.#idle.pop()) {
      clearTimeout(kept.timer);
      // A worker that ended while idle has no thread any more.
      if (kept.worker.threadId !== -1) return kept.worker;
    }
    const worker = startWorker(this.#limits.heapMb);
    // Never an unhandled 'error' event (it would end the server): each read listens for its own.
    worker.on('error', () => {});
    return worker;
  }

  #rest(worker: Worker): void {
    if (this.#closed) {
      void worker.terminate();
      return;
    }
    worker.unref();
    const kept = {
      worker,
      timer: setTimeout(() => {
        this.#idle = this.#idle.filter((k) => k !== kept);
        void worker.terminate();
      }, IDLE_MS).unref(),
    };
    this.#idle.push(kept);
  }

  #readInWorker(file: Buffer): Promise<string[][]> {
    const worker = this.#worker();
    worker.ref();
    // A copy the worker owns: moved to it, not cloned, and the request keeps its own buffer.
    const bytes = new Uint8Array(file.length);
    bytes.set(file);
    // An .xls is parsed whole, without the .xlsx reader's checks before parsing: a shorter clock.
    const timeoutMs = isOle2(file) ? Math.min(this.#limits.timeoutMs, LEGACY_TIMEOUT_MS) : this.#limits.timeoutMs;
    return new Promise<string[][]>((resolve, reject) => {
      const settle = () => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
      };
      const timer = setTimeout(() => {
        settle();
        void worker.terminate();
        reject(
          invalid('file', `读取文件超时（超过${duration(timeoutMs)}），请删除多余的工作表或内容，或分成几个文件后重试`),
        );
      }, timeoutMs);
      const rows: string[][] = [];
      const onMessage = (answer: SheetAnswer) => {
        if ('rows' in answer) {
          for (const row of answer.rows) rows.push(row);
          return;
        }
        settle();
        this.#rest(worker);
        if ('done' in answer) resolve(rows);
        else if ('refused' in answer) reject(invalid('file', answer.refused));
        else reject(new Error(`the sheet reader failed: ${answer.failed}`));
      };
      const onError = (error: Error & { code?: string }) => {
        settle();
        void worker.terminate();
        reject(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? invalid('file', TOO_COMPLEX) : error);
      };
      const onExit = () => {
        settle();
        reject(invalid('file', TOO_COMPLEX));
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage({ bytes } satisfies SheetJob, [bytes.buffer]);
    });
  }
}

const TOO_COMPLEX = '文件过大或过于复杂，读取时超出了内存限制，请删除多余的工作表或内容，或分成几个文件后重试';

/** How long the last sheet read is kept for the import page's next request. */
const KEEP_MS = 10 * 60_000;
type Entry = {
  hash: string;
  rows: Promise<string[][]>;
  timer: NodeJS.Timeout;
  /** One result computed from these rows, under the key of what else it depended on. */
  derived?: { key: string; value: unknown };
};

/** A sheet's cells, and a place to keep one result computed from them for the next request on the same file. */
export type Sheet = {
  rows: string[][];
  /** `compute()`'s value, or the one kept from an earlier call with the same key on the same file. */
  memo<T>(key: string, compute: () => T): T;
};
