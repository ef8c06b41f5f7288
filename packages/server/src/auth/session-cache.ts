import { dataGeneration } from '../db/data-generation.js';
import type { SessionRow } from './sessions.repo.js';

// A cached session is served only while the data generation (db/data-generation.ts) it was read in is still
// current, so no change — an account disabled, a role, a password, an organisation moved, a logout — is ever
// answered from before it in this process. A read that races a commit keeps the generation it started in and
// is never served.

type Entry = { row: SessionRow; generation: number; readAt: number };

/**
 * The sessions read in the last few seconds, so that a burst of requests does not look the same session up
 * on each one (the lookup was a third of a small endpoint's database work). Another process — a second
 * server on the same PostgreSQL, or the admin CLI — can make a cached session outlive its revocation by at
 * most `ttlMs`.
 */
export class SessionCache {
  readonly #entries = new Map<string, Entry>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
  ) {}

  /** The generation to pass to set() for a read that starts now. */
  begin(): number {
    return dataGeneration();
  }

  get(tokenHash: string): SessionRow | undefined {
    const entry = this.#entries.get(tokenHash);
    if (!entry) return undefined;
    if (entry.generation !== dataGeneration() || Date.now() - entry.readAt > this.ttlMs) {
      this.#entries.delete(tokenHash);
      return undefined;
    }
    return entry.row;
  }

  set(tokenHash: string, row: SessionRow, readInGeneration: number): void {
    if (this.ttlMs <= 0 || readInGeneration !== dataGeneration()) return;
    if (this.#entries.size >= this.maxEntries) {
      // Maps iterate in insertion order: the first key is the oldest read.
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
    this.#entries.set(tokenHash, { row, generation: readInGeneration, readAt: Date.now() });
  }

  delete(tokenHash: string): void {
    this.#entries.delete(tokenHash);
  }
}
