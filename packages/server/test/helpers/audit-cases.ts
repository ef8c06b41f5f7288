import type { Api } from './api.js';
import { loadBesideModules } from './module-files.js';
import type { buildCity } from './factories.js';
import { multipart } from './multipart.js';
import { idFor } from './rosters.js';

/**
 * The audit-coverage suite's cases (test/api/audit-coverage.test.ts), declared by each module beside its routes
 * in `src/<module>/<module>.audit-cases.ts` (test code: nothing in the app imports it) and collected from there.
 * Every operation of openapi.json that is not a GET is either audited — called once, successfully, leaving a
 * row with its action written by its caller — or changes nothing, with the reason.
 */
export type Method = 'POST' | 'PATCH' | 'DELETE';
export type Response = Awaited<ReturnType<Api['app']['inject']>>;

export type AuditCase = {
  /** The action the request's audit row carries (what the service passes to audited() or auditEvent()). */
  action: string;
  /** Makes the records the request needs (their own audit rows come before the request's) and returns it. */
  prepare: () => Promise<{ request: () => Promise<Response>; actor?: string }>;
};
export type NoChange = { reason: string; request: () => Promise<Response> };

/** What the cases are made from; `city` and `admin` are there once the suite's beforeAll has run. */
export type AuditWorld = {
  api: Api;
  city: Awaited<ReturnType<typeof buildCity>>;
  /** The session cookie of the city's administrator (every permission, the whole city). */
  admin: string;
  send(method: Method, url: string, cookie: string | undefined, payload?: object): Promise<Response>;
  upload(url: string, cookie: string, fields: Record<string, string>, file: Buffer): Promise<Response>;
  /** The request as the administrator, with nothing to make first. */
  asAdmin(method: Method, url: () => string, payload?: () => object): AuditCase['prepare'];
  /** A member profile as the form sends it, with an ID number no other test record has. */
  memberBody(orgId: number, status?: 'full' | 'probationary'): object;
};

/** Keyed by operation as openapi.json writes it: `POST /api/members/{id}/convert`. */
export type ModuleAuditCases = { audited: Record<string, AuditCase>; changesNothing?: Record<string, NoChange> };
export type AuditCaseFile = { module: string; cases(world: AuditWorld): ModuleAuditCases };

export function defineAuditCases(module: string, cases: (world: AuditWorld) => ModuleAuditCases): AuditCaseFile {
  return { module, cases };
}

/** Every `src/<module>/<module>.audit-cases.ts`, in folder order. */
export const loadAuditCaseFiles = () => loadBesideModules<AuditCaseFile>('.audit-cases.ts', 'defineAuditCases');

/** A world whose `city` and `admin` the suite fills in its beforeAll; the cases read them when they run. */
export function auditWorld(api: Api): AuditWorld {
  let seq = 0;
  const send: AuditWorld['send'] = (method, url, cookie, payload) => api.send(method, url, cookie, payload);
  const world: AuditWorld = {
    api,
    city: undefined as unknown as AuditWorld['city'],
    admin: '',
    send,
    upload: (url, cookie, fields, file) => {
      const body = multipart(fields, { name: 'roster.csv', data: file });
      return api.app.inject({ method: 'POST', url, payload: body.payload, headers: { ...body.headers, cookie } });
    },
    asAdmin: (method, url, payload) => async () => ({ request: () => send(method, url(), world.admin, payload?.()) }),
    memberBody: (orgId, status = 'full') => {
      seq += 1;
      return {
        name: `审计覆盖${seq}`,
        gender: 'male',
        idNumber: idFor('1977-07-07', 'male', seq),
        status,
        category: 'resident',
        orgId,
        ...(status === 'probationary' ? { joinedOn: '2024-01-01' } : { fullMemberOn: '2005-07-01' }),
      };
    },
  };
  return world;
}
