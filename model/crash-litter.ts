/**
 * Temporary folders and files carry their owner (process id and start time) in their name, so
 * that whatever a killed command left behind is removed by the next one, and whatever this
 * process still holds is removed when it exits.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ownerIsGone, ownerToken } from './process-owner';

/** `<prefix><pid>-<start>-<random>`, optionally followed by `.previous` (a replaced folder on its way out). */
const OWNED_SUFFIX = /^(\d+)-(\d+)-[A-Za-z0-9]+(\.previous)?$/;

/** The start of a temporary name owned by this process: `<prefix><pid>-<start>-`; the caller adds a random part. */
export function ownedPrefix(prefix: string): string {
  return `${prefix}${ownerToken()}-`;
}

/**
 * Removes, in `dir`, every entry named `<something><marker><pid>-<start>-<random>` (where
 * `isOurs(name before the marker)`) whose owner has ended, with `dispose` (default: removed;
 * symbolic links are removed, never followed).
 * @returns the paths removed
 */
export function removeLitter(dir: string, marker: string, isOurs: (head: string) => boolean = () => true, dispose: (litter: string, head: string) => void = removeFile): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const at = name.lastIndexOf(marker);
    if (at < 0 || !isOurs(name.slice(0, at))) continue;
    const owner = OWNED_SUFFIX.exec(name.slice(at + marker.length));
    if (!owner || !ownerIsGone(Number(owner[1]), owner[2])) continue;
    const litter = path.join(dir, name);
    try {
      dispose(litter, name.slice(0, at));
      removed.push(litter);
    } catch {
      // Another command is removing it at the same time, or it is not ours to remove: leave it.
    }
  }
  return removed;
}

/** Removes a file or a folder with all it holds; a symbolic link is removed, not followed. */
export function removeFile(file: string): void {
  fs.rmSync(file, { recursive: true, force: true });
}

const heldUntilExit = new Set<string>();

/** Removes `file` (a folder or a file this process created) if the process exits while still holding it. */
export function removeOnExit(file: string): void {
  if (!heldUntilExit.size) process.once('exit', removeHeld);
  heldUntilExit.add(file);
}

/** `file` is no longer this process's to remove (renamed into place, or removed already). */
export function release(file: string): void {
  heldUntilExit.delete(file);
  if (!heldUntilExit.size) process.removeListener('exit', removeHeld);
}

function removeHeld(): void {
  for (const file of heldUntilExit) fs.rmSync(file, { recursive: true, force: true });
  heldUntilExit.clear();
}
