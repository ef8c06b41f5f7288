import createClient, { type Middleware } from 'openapi-fetch';
import { toApiError } from './errors';
import type { paths } from './schema';

type AuthHandlers = { onUnauthenticated: () => void; onPasswordChangeRequired: () => void };

let handlers: AuthHandlers = { onUnauthenticated: () => {}, onPasswordChangeRequired: () => {} };

/** The app wires these to the router once; the client stays free of routing. */
export function setAuthHandlers(next: AuthHandlers): void {
  handlers = next;
}

// A wrong password or a locked account is a 401 too, but it is an answer for the form, not a lost session.
const CREDENTIAL_CODES = new Set(['INVALID_CREDENTIALS', 'ACCOUNT_LOCKED']);

const authRedirect: Middleware = {
  async onResponse({ response }) {
    if (response.status !== 401 && response.status !== 403) return undefined;
    const body: unknown = await response
      .clone()
      .json()
      .catch(() => null);
    const code = toApiError(response.status, body).code;
    if (response.status === 401 && !CREDENTIAL_CODES.has(code)) handlers.onUnauthenticated();
    if (response.status === 403 && code === 'PASSWORD_CHANGE_REQUIRED') handlers.onPasswordChangeRequired();
    return undefined;
  },
};

export const api = createClient<paths>({ credentials: 'include' });
api.use(authRedirect);

type Result<T> = { data?: T; error?: unknown; response: Response };

/** Returns the body of a successful response or throws an ApiError carrying the server's message. */
export async function unwrap<T>(request: Promise<Result<T>>): Promise<T> {
  const { data, error, response } = await request;
  if (!response.ok) throw toApiError(response.status, error);
  return data as T;
}
