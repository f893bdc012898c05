// The database and its -wal and -shm files hold personal data and secrets: only ferry's own user may read them.
import { chmodSync, closeSync, openSync, statSync } from 'node:fs';

const PRIVATE_MODE = 0o600;

/**
 * Creates the database file 0600 before SQLite opens it (SQLite gives the -wal and -shm files it creates later the
 * mode of the database file), and tightens the mode of those files left by an earlier version.
 */
export function makeDatabaseFilesPrivate(file: string): void {
  if (file === '' || file === ':memory:') return;
  try {
    closeSync(openSync(file, 'wx', PRIVATE_MODE));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  for (const path of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) {
    try {
      if ((statSync(path).mode & 0o777) !== PRIVATE_MODE) chmodSync(path, PRIVATE_MODE);
    } catch (error) {
      // Absent: SQLite creates it with the database file's mode. Another user's file: this user cannot change it.
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'EPERM') throw error;
    }
  }
}
