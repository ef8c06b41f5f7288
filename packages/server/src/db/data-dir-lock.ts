import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';

const LOCK_FILE = 'server.pid';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Claims a data folder for this process, or throws when another live process holds it. A second server on the
 * folder would take the first one's running PostgreSQL for one left behind by a killed server, and stop it
 * (db/embedded.ts); the claim makes that safe. It is a file created
 * exclusively (O_EXCL) with the holder's pid; one left by a process that died is taken over. Returns the release.
 */
export function lockDataDir(dir: string): () => void {
  const file = join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => {
        try {
          if (readFileSync(file, 'utf8').trim() === String(process.pid)) unlinkSync(file);
        } catch {
          // already gone
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    let holder = Number.NaN;
    try {
      holder = Number(readFileSync(file, 'utf8').trim());
    } catch {
      continue; // removed meanwhile: try again
    }
    if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && alive(holder)) {
      throw new Error(
        `数据目录 ${dir} 正被另一个服务进程（pid ${holder}）使用；同一数据目录只能由一个进程打开。` +
          `请先停止该进程，或为本进程另设 DATA_DIR。`,
      );
    }
    try {
      unlinkSync(file); // left by a process that is gone
    } catch {
      // another starter took it over first: the next attempt sees theirs
    }
  }
  throw new Error(`无法锁定数据目录 ${dir}（${file}）`);
}
