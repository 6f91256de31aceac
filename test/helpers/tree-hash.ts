import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

/**
 * Every path below `root` (the root included) as `path type mode sha256`, in order: the content
 * of a file, the target of a symbolic link (never followed), nothing for a folder; FIFOs, sockets
 * and devices by kind only (never opened, so listing cannot block). Equal listings mean a
 * byte-identical tree; unequal ones show where in a test failure.
 */
export function treeListing(root: string): string[] {
  const lines: string[] = [];
  const visit = (relative: string) => {
    const file = path.join(root, relative);
    const stat = fs.lstatSync(file);
    const mode = (stat.mode & 0o7777).toString(8);
    if (stat.isSymbolicLink()) lines.push(`${relative} link ${mode} ${sha256(fs.readlinkSync(file))}`);
    else if (stat.isFile()) lines.push(`${relative} file ${mode} ${fileHash(file)}`);
    else if (stat.isDirectory()) {
      lines.push(`${relative} dir ${mode} -`);
      for (const name of fs.readdirSync(file).sort()) visit(path.join(relative, name));
    } else lines.push(`${relative} other ${mode} -`);
  };
  visit('.');
  return lines;
}

/** One hash of treeListing: the whole tree, byte for byte. */
export function treeHash(root: string): string {
  return sha256(treeListing(root).join('\n'));
}

/** A file's bytes in 1 MiB chunks: a test's huge (sparse) file is hashed without holding it. */
function fileHash(file: string): string {
  const hash = createHash('sha256');
  const fd = fs.openSync(file, 'r');
  const chunk = Buffer.alloc(1024 * 1024);
  try {
    for (let n; (n = fs.readSync(fd, chunk, 0, chunk.length, null)) > 0; ) hash.update(chunk.subarray(0, n));
  } finally {
    fs.closeSync(fd);
  }
  return hash.digest('hex');
}
