/** 等保 2.0 level 3: at least 8 characters from at least 3 of the 4 classes. */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;
/** Wrong passwords in a row for one username from one IP before that pair is paused for LOCKOUT_MINUTES. */
export const LOGIN_MAX_FAILURES = 5;
export const LOCKOUT_MINUTES = 15;
/**
 * Failures for one username from anywhere within LOCKOUT_MINUTES before the account is locked — except from an IP
 * where it logged in within LOGIN_KNOWN_IP_DAYS, so that strangers cannot lock its owner out.
 */
export const LOGIN_ACCOUNT_MAX_FAILURES = 20;
export const LOGIN_KNOWN_IP_DAYS = 30;
/**
 * Failures from one IP within LOCKOUT_MINUTES before each further attempt waits 1, 2, 4 … seconds after the last,
 * up to LOGIN_IP_MAX_WAIT_SECONDS. Generous, and the wait short, because a whole street office may share one IP.
 */
export const LOGIN_IP_FREE_FAILURES = 30;
export const LOGIN_IP_MAX_WAIT_SECONDS = 60;
export const SESSION_IDLE_MINUTES = 30;

export function passwordClasses(password: string): number {
  return [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
}

/** Returns a Chinese reason when the password is too weak, or null when it is acceptable. */
export function passwordProblem(password: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `密码至少${PASSWORD_MIN_LENGTH}位`;
  if (password.length > PASSWORD_MAX_LENGTH) return `密码最多${PASSWORD_MAX_LENGTH}位`;
  if (passwordClasses(password) < 3) return '密码须包含大写字母、小写字母、数字、符号中的至少三类';
  return null;
}
