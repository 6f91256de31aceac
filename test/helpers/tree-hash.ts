import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

/**
 * Every path below `root` (the root included) as `path type mode sha256`, in order: the content
 * of a file, the target of a symbolic link (never followed), nothing for a folder. Equal listings
 * mean a byte-identical tree; unequal ones show where in a test failure.
 */
export function treeListing(root: string): string[] {
  const lines: string[] = [];
  const visit = (relative: string) => {
    const file = path.join(root, relative);
    const stat = fs.lstatSync(file);
    const mode = (stat.mode & 0o7777).toString(8);
    if (stat.isSymbolicLink()) lines.push(`${relative} link ${mode} ${sha256(fs.readlinkSync(file))}`);
    else if (stat.isFile()) lines.push(`${relative} file ${mode} ${sha256(fs.readFileSync(file))}`);
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
