import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

/**
 * Replaces a whole folder with what `fill` puts in a fresh sibling folder, in one rename: readers
 * see the old folder or the new one, never a mix, and a failure leaves the old one.
 * @returns what `fill` returned
 */
export function replaceFolderWith<T>(folder: string, fill: (staging: string) => T): T {
  const target = path.resolve(folder);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const staging = fs.mkdtempSync(path.join(path.dirname(target), `.${path.basename(target)}.staging-`));
  try {
    const result = fill(staging);
    const previous = fs.existsSync(target) ? `${staging}.previous` : undefined;
    if (previous) fs.renameSync(target, previous);
    fs.renameSync(staging, target);
    if (previous) discard(previous);
    return result;
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw error;
  }
}

/** Replaces a whole folder with the given files (relative path -> content), atomically. */
export function replaceFolder(folder: string, files: ReadonlyMap<string, string>): void {
  replaceFolderWith(folder, (staging) => {
    for (const [relative, content] of files) {
      const file = path.join(staging, relative);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, content);
    }
  });
}

/** Writes a new file (its folder made) from text or from parts of it, gathered into blocks: the whole text is never one string. */
export function writeFileInParts(file: string, content: string | Iterable<string>): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  if (typeof content === 'string') return fs.writeFileSync(file, content);
  const fd = fs.openSync(file, 'wx');
  try {
    let block: string[] = [];
    let size = 0;
    for (const part of content) {
      block.push(part);
      size += part.length;
      if (size >= 1 << 20) {
        fs.writeSync(fd, block.join(''));
        block = [];
        size = 0;
      }
    }
    if (block.length) fs.writeSync(fd, block.join(''));
  } finally {
    fs.closeSync(fd);
  }
}

/** Writes a file through a temporary sibling and a rename: never a half-written file. */
export function replaceFile(file: string, content: string): void {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const temporary = `${file}.tmp-${process.pid}`;
  try {
    fs.writeFileSync(temporary, content);
    fs.renameSync(temporary, file);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw error;
  }
}

/** A replaced folder with at least this many entries is removed in the background. */
const BACKGROUND_REMOVAL_ENTRIES = 200;

/**
 * Removes a folder that has already been replaced. A large one (an output with thousands of
 * Backstage files: seconds of unlinking on a busy disk) goes to a detached process, so the command
 * returns as soon as the new folder is in place; a small one, or when no process can be started,
 * is removed here.
 */
function discard(folder: string): void {
  if (entriesAtLeast(folder, BACKGROUND_REMOVAL_ENTRIES)) {
    try {
      spawn(process.execPath, ['-e', 'require("fs").rmSync(process.argv[1], { recursive: true, force: true })', folder], { detached: true, stdio: 'ignore' }).unref();
      return;
    } catch {
      // fall through: remove it here
    }
  }
  fs.rmSync(folder, { recursive: true, force: true });
}

function entriesAtLeast(folder: string, limit: number): boolean {
  let count = 0;
  const pending = [folder];
  while (pending.length && count < limit) {
    const dir = pending.pop()!;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      count++;
      if (entry.isDirectory()) pending.push(path.join(dir, entry.name));
    }
  }
  return count >= limit;
}
