import type { Tx } from '../db/client.js';
import type { DemoContext } from '../module.js';
export async function orgLifeDemo(_tx: Tx, _city: DemoContext): Promise<void> {}
