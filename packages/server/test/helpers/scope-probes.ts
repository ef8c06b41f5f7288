import { createRandom, randomIdNumber } from '../../src/seed/random.js';
import type { Api } from './api.js';
import { loadBesideModules } from './module-files.js';
import { buildAccount, buildCity, buildMember } from './factories.js';

/**
 * The scope suite's probes (test/api/scope.test.ts), declared by each module beside its routes in
 * `src/<module>/<module>.probes.ts` (test code: nothing in the app imports it) and collected from there.
 *
 * A probe is a request to make as an account of street A. A probe with `id` names one id field of the route
 * (`body.memberId`, `query.orgId`, `body.member.orgId`: the field's place in the OpenAPI document) and is called
 * with that field set to street B's record while every other id names street A's: it must be refused (or, for a
 * list, show nothing of street B). Then, once, as street A's administrator with the field set to street A's own
 * record, it must succeed: the control shows that the refusal came from the scope, not from a request malformed
 * in some other way.
 */
export type Value = number | string;
export type IdProbe = { field: string; outside: () => Value; inside: () => Value | Promise<Value> };
export type Probe = {
  url: (v: Value) => string;
  body?: (v: Value) => object;
  /** A multipart request: its fields and file. */
  upload?: (v: Value) => { fields: Record<string, string>; file: { name: string; data: Buffer } };
  list?: boolean;
  id?: IdProbe;
};

/** What every module's probes start from: two streets of one city, and the helpers to name their records. */
export type World = {
  api: Api;
  city: Awaited<ReturnType<typeof buildCity>>;
  /** A member of street B's branch. */
  outsideMember: { id: number; idNumber: string };
  /** The session cookie of street B's committee, to make street B's own records through the API. */
  streetB: string;
  /** Creates a record of street B through the API as its committee (a 201 expected); its id. */
  createAsStreetB(url: string, payload: object): Promise<number>;
  /** A unique text: `越权新建7`. */
  fresh(prefix: string): string;
  freshIdNumber(): string;
  /** A new member of street A's branch. */
  insideMember(): Promise<number>;
  /** An organisation id field: street B's `outside`, street A's `inside`. */
  orgId(field: string, outside: () => Value, inside: () => Value): IdProbe;
  /** A scoped list or export filtered by one organisation: street B's is refused, street A's answers. */
  byOrg(path: string, field?: string): Probe;
};

export type ModuleProbes = {
  /** `METHOD /api/path` → its probes. */
  probes: Record<string, Probe[]>;
  /** Routes about the caller itself: nothing of another scope can be named in them. */
  self?: string[];
  /**
   * Id fields that may name a record outside the caller's scope, on purpose, with the reason: the answer holds
   * names only, and the record named is not changed.
   */
  crossScope?: Record<string, Record<string, string>>;
  /** After every probe: street B's records of this module are as they were (`admin` may read everything). */
  unchanged?: (admin: string) => Promise<void>;
};

export type ProbeFile = { module: string; build(world: World): Promise<ModuleProbes> };

/** A module's probes; `build` makes street B's (and A's) records they name, then returns them. */
export function defineProbes(module: string, build: (world: World) => ModuleProbes | Promise<ModuleProbes>): ProbeFile {
  return { module, build: async (world) => build(world) };
}

/** Every `src/<module>/<module>.probes.ts`, in folder order. */
export const loadProbeFiles = () => loadBesideModules<ProbeFile>('.probes.ts', 'defineProbes');

export async function buildWorld(api: Api): Promise<World> {
  const city = await buildCity(api.db);
  const random = createRandom(4242);
  let counter = 0;
  const outside = await buildMember(api.db, city.branchB.id);
  const streetB = await api.login(city.streetBUser.username);
  const orgId = (field: string, outsideId: () => Value, insideId: () => Value): IdProbe => ({
    field,
    outside: outsideId,
    inside: insideId,
  });
  return {
    api,
    city,
    outsideMember: { id: outside.id, idNumber: outside.idNumber },
    streetB,
    createAsStreetB: async (url, payload) => {
      const res = await api.post(url, streetB, payload);
      const id = res.statusCode === 201 ? (res.json() as { id?: number }).id : undefined;
      if (!id) throw new Error(`street B's record (${url}): ${res.statusCode} ${res.body}`);
      return id;
    },
    fresh: (prefix) => `${prefix}${++counter}`,
    freshIdNumber: () => randomIdNumber(random, 'female'),
    insideMember: async () => (await buildMember(api.db, city.branchA.id)).id,
    orgId,
    byOrg: (route, field = 'orgId') => ({
      url: (v) => `${route}${route.includes('?') ? '&' : '?'}${field}=${v}`,
      id: orgId(
        `query.${field}`,
        () => city.streetB.id,
        () => city.streetA.id,
      ),
    }),
  };
}

/** An administrator bound to street A holds every permission: only the scope stops it. */
export async function streetAdminOf(world: World): Promise<string> {
  const account = await buildAccount(world.api.db, { orgId: world.city.streetA.id, role: 'sysadmin' });
  return world.api.login(account.username);
}
