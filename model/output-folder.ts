/**
 * Output folders are replaced whole, so Groundwork writes only into a folder that is absent,
 * empty or marked as its own (a marker file written with the reports): anything else is refused
 * before a command reads or writes anything, and nothing the platform did not write is ever deleted.
 */
import * as fs from 'fs';
import * as path from 'path';
import { removeFile, removeLitter } from './crash-litter';
import { GroundworkError } from './errors';
import { stableJson } from './stable-json';

/** The marker file every output folder gets with its reports. */
export const OUTPUT_MARKER = '.groundwork-output';

/** What a folder holds, e.g. the catalog reports. */
export interface OutputKind {
  /** In the marker: `catalog`. */
  readonly id: string;
  /** In sentences: `the catalog reports`. */
  readonly name: string;
  /** Whether an unmarked folder with these entries is what an earlier Groundwork version wrote: accepted once, then marked. */
  readonly writtenBefore?: (entries: readonly string[]) => boolean;
}

/** An earlier version's output: every `required` entry, and nothing but those and the `allowed` ones. */
export function onlyEntries(required: readonly string[], allowed: (entry: string) => boolean = () => false): (entries: readonly string[]) => boolean {
  return (entries) => required.every((r) => entries.includes(r)) && entries.every((e) => required.includes(e) || allowed(e));
}

/** The marker's text for a kind: the same bytes every time. */
export function outputMarker(kind: OutputKind): string {
  return stableJson({ kind: kind.id, writtenBy: 'groundwork' });
}

/** The kind a marker names, or undefined when it is not a marker Groundwork wrote. */
function markedKind(folder: string): string | undefined {
  const marker = path.join(folder, OUTPUT_MARKER);
  try {
    if (!fs.lstatSync(marker).isFile()) return undefined;
    const parsed = JSON.parse(fs.readFileSync(marker, 'utf8')) as { kind?: unknown; writtenBy?: unknown };
    return parsed.writtenBy === 'groundwork' && typeof parsed.kind === 'string' ? parsed.kind : undefined;
  } catch {
    return undefined;
  }
}

/** Why `target` may not be replaced by output of `kind`, or undefined when it may. */
function refusal(target: string, kind: OutputKind): string | undefined {
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(target);
  } catch {
    return undefined; // absent
  }
  if (stat.isSymbolicLink()) return 'it is a symbolic link to nothing';
  if (!stat.isDirectory()) return 'it is a file, not a folder';
  const entries = fs.readdirSync(target);
  if (!entries.length) return undefined;
  const marked = markedKind(target);
  if (marked === kind.id) return undefined;
  if (marked !== undefined) return `it holds Groundwork's ${marked} output, not ${kind.name}`;
  if (kind.writtenBefore?.(entries)) return undefined;
  return `it holds files Groundwork did not write (it has no ${OUTPUT_MARKER} marker), and replacing it would delete them`;
}

/**
 * Checks that `folder` may be replaced by output of `kind`, before anything is read or written,
 * and removes the staging folders killed commands left beside it.
 * @returns the folder to replace (a symbolic link to a folder is followed)
 * @throws GroundworkError naming the folder, otherwise
 */
export function claimOutputFolder(folder: string, kind: OutputKind): string {
  const given = path.resolve(folder);
  removeLitter(path.dirname(fs.existsSync(given) ? fs.realpathSync(given) : given), STAGING, (head) => head.startsWith('.'), putBack);
  const target = fs.existsSync(given) ? fs.realpathSync(given) : given;
  const why = refusal(target, kind);
  if (why) throw new GroundworkError(`Refusing to write ${kind.name} into ${given}: ${why}; give a new or empty folder.`);
  return target;
}

/** A replaced folder a killed command left under its previous name while its own folder is missing goes back in place; other litter is removed. */
function putBack(litter: string, head: string): void {
  const target = path.join(path.dirname(litter), head.slice(1));
  if (litter.endsWith('.previous') && !fs.existsSync(target) && !isSymbolicLink(target)) fs.renameSync(litter, target);
  else removeFile(litter);
}

function isSymbolicLink(file: string): boolean {
  try {
    return fs.lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}

/** Between a replaced folder's name and its owner, in the name of its staging sibling: `.<name>.staging-<pid>-<start>-<random>`. */
export const STAGING = '.staging-';
