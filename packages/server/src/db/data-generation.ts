/**
 * A counter bumped after every committed change (audited()) and every session deletion. Caches of data read
 * from the database (the session cache) keep the generation they read in and serve an entry only while it is
 * still current, so no change is ever answered from before it in this process.
 */
let generation = 0;

export function dataChanged(): void {
  generation += 1;
}

export function dataGeneration(): number {
  return generation;
}
