import { hash, verify } from '@node-rs/argon2';
import { passwordProblem } from '@gongjian/shared';
import { invalid } from '../http/errors.js';

const OPTIONS = {
  algorithm: 2 /* Algorithm.Argon2id (a const enum) */,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
};

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A hash to verify against when the username does not exist, so both cases take the same time. */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword('dummy-Password-1');
  return dummyHash;
}

export function assertStrongPassword(password: string, field = 'password'): void {
  const problem = passwordProblem(password);
  if (problem) throw invalid(field, problem);
}
