import { spawn } from 'child_process';
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { ownedPrefix, release, removeLitter, removeOnExit } from './crash-litter';
import { claimOutputFolder, OUTPUT_MARKER, outputMarker, OutputKind, STAGING } from './output-folder';

/**
 * Replaces a whole output folder with what `fill` puts in a fresh sibling folder, in one rename:
 * readers see the old folder or the new one, never a mix, and a failure leaves the old one. The
 * folder must be absent, empty or marked as Groundwork's output of this kind (checked first); the
 * new one is marked. The staging sibling is named after this process, so a killed run's is removed
 * by the next one.
 * @returns what `fill` returned
 */
export function replaceFolderWith<T>(folder: string, kind: OutputKind, fill: (staging: string) => T): T {
  const target = claimOutputFolder(folder, kind);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const staging = fs.mkdtempSync(path.join(path.dirname(target), ownedPrefix(`.${path.basename(target)}${STAGING}`)));
  removeOnExit(staging);
  try {
    const result = fill(staging);
    fs.writeFileSync(path.join(staging, OUTPUT_MARKER), outputMarker(kind), { flag: 'wx' });
    // Killed between the two renames, the old output waits under the previous name: the next command puts it back.
    const previous = fs.existsSync(target) ? `${staging}.previous` : undefined;
    if (previous) fs.renameSync(target, previous);
    try {
      fs.renameSync(staging, target);
    } catch (error) {
      if (previous) fs.renameSync(previous, target);
      throw error;
    }
    release(staging);
    if (previous) discard(previous);
    return result;
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    release(staging);
    throw error;
  }
}

/** Replaces a whole output folder with the given files (relative path -> content), atomically. */
export function replaceFolder(folder: string, kind: OutputKind, files: ReadonlyMap<string, string>): void {
  replaceFolderWith(folder, kind, (staging) => {
    for (const [relative, content] of files) {
      const file = path.join(staging, relative);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, content);
    }
  });
}

/** Text is written in blocks of about this many characters. */
const WRITE_BLOCK = 1 << 20;

/**
 * Writes a new file (its folder made) from text or from parts of it, gathered into blocks: the
 * whole text is never one string, nor one buffer (a part larger than a block is written in slices).
 */
export function writeFileInParts(file: string, content: string | Iterable<string>): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  if (typeof content === 'string' && content.length <= WRITE_BLOCK) return fs.writeFileSync(file, content);
  const fd = fs.openSync(file, 'wx');
  try {
    let block: string[] = [];
    let size = 0;
    const flush = () => {
      if (block.length) fs.writeSync(fd, block.length === 1 ? block[0] : block.join(''));
      block = [];
      size = 0;
    };
    for (const part of typeof content === 'string' ? [content] : content) {
      if (part.length < WRITE_BLOCK) {
        block.push(part);
        size += part.length;
        if (size >= WRITE_BLOCK) flush();
        continue;
      }
      flush();
      for (let at = 0; at < part.length; ) {
        let end = Math.min(part.length, at + WRITE_BLOCK);
        // Never between the two halves of a surrogate pair: each slice is encoded on its own.
        if (end < part.length && isHighSurrogate(part.charCodeAt(end - 1))) end--;
        fs.writeSync(fd, part.slice(at, end));
        at = end;
      }
    }
    flush();
  } finally {
    fs.closeSync(fd);
  }
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;

const TEMPORARY = '.tmp-';
/** Tries at fresh random names before giving up: a taken name is someone else's file, never overwritten. */
const TEMPORARY_ATTEMPTS = 5;

/**
 * Writes a file through a temporary sibling and a rename: never a half-written file. The
 * temporary name is random and created exclusively, so nothing planted there (a symbolic link)
 * is followed or overwritten.
 */
export function replaceFile(file: string, content: string): void {
  const dir = path.dirname(path.resolve(file));
  const name = path.basename(file);
  fs.mkdirSync(dir, { recursive: true });
  removeLitter(dir, TEMPORARY, (head) => head === name);
  for (let attempt = 1; ; attempt++) {
    const temporary = path.join(dir, `${ownedPrefix(`${name}${TEMPORARY}`)}${randomBytes(6).toString('hex')}`);
    try {
      fs.writeFileSync(temporary, content, { flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST' && attempt < TEMPORARY_ATTEMPTS) continue;
      throw error;
    }
    removeOnExit(temporary);
    try {
      fs.renameSync(temporary, file);
    } catch (error) {
      fs.rmSync(temporary, { force: true });
      throw error;
    } finally {
      release(temporary);
    }
    return;
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
  // A background remover that is killed leaves the folder to the next command's sweep (its name still names this process).
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
