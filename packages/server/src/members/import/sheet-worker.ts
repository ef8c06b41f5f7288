// The worker thread that reads uploaded rosters (sheet.ts starts it; bundled as dist/sheet-worker.js). It reads
// one file per message, with its own heap limit: whatever a file makes the reader do, the server goes on.
import { parentPort } from 'node:worker_threads';
import { readSheet, SheetError } from './read-sheet.js';

/** What the server sends: the file's bytes, moved (not copied) to this thread. */
export type SheetJob = { bytes: Uint8Array };
/**
 * What the worker answers: the rows in batches (each cloned on its own, so that the server takes them in between
 * other requests, not in one long pause), then that it is done, or the reason the file was refused, or a failure.
 */
export type SheetAnswer = { rows: string[][] } | { done: true } | { refused: string } | { failed: string };

/** Rows per message: ~50 ms of the server's time for a roster's usual columns. */
const BATCH = 10_000;

const port = parentPort;
if (!port) throw new Error('sheet-worker.ts runs as a worker thread');

port.on('message', async ({ bytes }: SheetJob) => {
  const answer = (message: SheetAnswer) => port.postMessage(message);
  let rows: string[][];
  try {
    rows = await readSheet(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch (error) {
    if (error instanceof SheetError) answer({ refused: error.message });
    else answer({ failed: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    return;
  }
  for (let i = 0; i < rows.length; i += BATCH) answer({ rows: rows.slice(i, i + BATCH) });
  answer({ done: true });
});
