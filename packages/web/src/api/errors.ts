/**
 * Every API error is `{ code, message }` with a Chinese message meant for the user; a 400 about one request field
 * also names its key (`field`: `joinedOn`, `tags.2`), so that a form can show the message beside that field.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const FALLBACK_MESSAGE = '请求失败，请稍后重试';
const NETWORK_MESSAGE = '无法连接服务器，请检查网络';

export function toApiError(status: number, body: unknown): ApiError {
  if (body && typeof body === 'object') {
    const { code, message, field } = body as { code?: unknown; message?: unknown; field?: unknown };
    if (typeof code === 'string' && typeof message === 'string') {
      return new ApiError(status, code, message, typeof field === 'string' && field ? field : undefined);
    }
  }
  return new ApiError(status, 'UNKNOWN', FALLBACK_MESSAGE);
}

/** The text to show a person for any thrown value. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof TypeError) return NETWORK_MESSAGE;
  return FALLBACK_MESSAGE;
}

/** 4xx errors are answers, not glitches: retrying them only delays the message. */
export function isClientError(error: unknown): boolean {
  return error instanceof ApiError && error.status >= 400 && error.status < 500;
}

/** A 409: the record changed or is in use; what the page shows of it should be read again. */
export function isConflict(error: unknown): boolean {
  return error instanceof ApiError && error.status === 409;
}
