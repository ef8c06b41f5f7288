import type { Tx } from './db/client.js';
import type { App, Deps } from './http/app-types.js';
import type { DueSource } from './http/due.js';
import type { Job } from './scheduler/runner.js';

/**
 * A module of the API, declared once in its own folder (`<name>/<name>.module.ts`) and registered by one line
 * in `modules.ts`. Everything the platform needs to know about it is here: buildApp registers its routes with
 * its field labels, the audit trail takes its action and entity labels (and `AuditAction` their keys), the job
 * runner its jobs, the workbench its due sources. Its scope probes live beside it in `<name>.probes.ts` (the scope suite collects them).
 */
export type ServerModule<Action extends string = string> = {
  /** The folder's name. */
  readonly name: string;
  /** Registers the module's routes (called once, synchronously, by buildApp). */
  readonly routes: (app: App, deps: Deps) => void;
  /**
   * The Chinese names of the request fields its routes take, so that a 400 names the field as the user knows
   * it. They hold on this module's routes, over the common ones of http/field-labels.ts.
   */
  readonly fieldLabels?: Readonly<Record<string, string>>;
  /** Every action the module names when it writes the audit trail, with its label. */
  readonly auditActions?: Readonly<Record<Action, string>>;
  /** The audit trail's names of the tables the module owns (`member` → 党员). */
  readonly auditEntities?: Readonly<Record<string, string>>;
  /** Time-based work of the module, run by the job runner (scheduler/runner.ts). */
  readonly jobs?: readonly Job[];
  /** What falls due in the module's records, for the workbench (http/due.ts). */
  readonly dueSources?: readonly DueSource[];
  /**
   * The module's part of the demo city (seed/demo-city.ts): called once, in the city's transaction, after the
   * organisations, members, accounts and member scenarios exist, in the order of `modules.ts`.
   */
  readonly demo?: (tx: Tx, city: DemoContext) => Promise<void>;
};

/** What a module's demo data builds on: the city's organisations by key, its accounts, today, a seeded random. */
export type DemoContext = {
  /** `city`, `district0`, `street0`, `community0`, `branch0_0`, `retired0`, `unit0`, `company0`, `joint0` … */
  readonly orgIds: Readonly<Record<string, number>>;
  /** Demo account ids by username (`shequ`, `zhibu`, `dangyuan` …). */
  readonly accountIds: Readonly<Record<string, number>>;
  /** China's date (yyyy-mm-dd) the city is seeded on: a module's dates are relative to it. */
  readonly today: string;
  /** Communities per street: `branch${communitiesPerStreet}_0` is the first branch of the second street. */
  readonly communitiesPerStreet: number;
  /** Seeded: the same city every time. */
  readonly random: {
    next(): number;
    int(min: number, max: number): number;
    pick<T>(items: readonly T[]): T;
  };
};

/** Declares a module, keeping its audit actions as literal types (the union `AuditAction` is made of them). */
export function defineModule<const Action extends string = never>(module: ServerModule<Action>): ServerModule<Action> {
  return module;
}
