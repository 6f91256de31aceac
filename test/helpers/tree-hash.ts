import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

/**
 * One hash of a folder tree: every entry's relative path, kind and mode, a file's bytes, a
 * symlink's target (never followed). FIFOs, sockets and devices count by kind only: they are
 * never opened, so hashing cannot block. Equal before and after a command: nothing was written,
 * moved or deleted.
 */
export function treeHash(dir: string): string {
  const hash = createHash('sha256');
  const visit = (relative: string) => {
    const full = path.join(dir, relative);
    const stat = fs.lstatSync(full);
    hash.update(`${JSON.stringify(relative)} ${stat.mode.toString(8)}`);
    if (stat.isSymbolicLink()) hash.update(` -> ${fs.readlinkSync(full)}`);
    else if (stat.isFile()) hashFile(hash.update(` ${stat.size} `), full);
    else if (stat.isDirectory()) for (const name of fs.readdirSync(full).sort()) visit(path.join(relative, name));
    hash.update('\n');
  };
  visit('');
  return hash.digest('hex');
}

/** A file's bytes in 1 MiB chunks: a test's huge (sparse) file is hashed without holding it. */
function hashFile(hash: ReturnType<typeof createHash>, file: string): void {
  const fd = fs.openSync(file, 'r');
  const chunk = Buffer.alloc(1024 * 1024);
  try {
    for (let n; (n = fs.readSync(fd, chunk, 0, chunk.length, null)) > 0; ) hash.update(chunk.subarray(0, n));
  } finally {
    fs.closeSync(fd);
  }
}
