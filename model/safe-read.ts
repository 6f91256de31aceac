import * as fs from 'fs';
import * as path from 'path';
import { GroundworkError } from './errors';

/**
 * The most an input file may hold: 256 MiB. Generous for configuration, manifests and plans (a
 * 1,000-service cdktf output is 6 MB in all), and far below what would exhaust memory or
 * V8's longest string.
 */
export const MAX_INPUT_BYTES = 256 * 1024 * 1024;

export interface BoundedReadOptions {
  /** The analysis root: the file, symlinks resolved, must lie inside it. Absent: any path is read (still bounded, still a regular file). */
  readonly root?: string;
  /** @default MAX_INPUT_BYTES */
  readonly maxBytes?: number;
}

/** `child` is `root` or below it (both absolute, normalised). */
export function isInside(child: string, root: string): boolean {
  const relative = path.relative(root, child);
  return relative === '' || (relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
}

/**
 * Where `file` really is (every symlink resolved), or undefined when nothing is there; one
 * sentence when it lies outside `root`, whichever way it leads there (`../`, an absolute path, a
 * symlink). `what` names the file in that sentence.
 */
export function realPathInside(file: string, root: string, what: string): string | undefined {
  const realRoot = fs.realpathSync(root);
  const outside = () => outsideRoot(what, root);
  let real: string;
  try {
    real = fs.realpathSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR') throw new GroundworkError(`Cannot read ${what}: ${reasonOf(error)}.`);
    // Missing: still refuse a path that names a place outside, so nothing is said about what exists there.
    const lexical = path.resolve(file);
    if (!isInside(lexical, path.resolve(root)) && !isInside(lexical, realRoot)) throw outside();
    return undefined;
  }
  if (!isInside(real, realRoot)) throw outside();
  return real;
}

/**
 * The text of one input file, read safely: inside `root` when one is given, a regular file (a
 * FIFO, device, socket or directory is refused before any byte is read, so nothing blocks or
 * grows without end) of at most `maxBytes`. Every failure is one sentence naming `what`.
 */
export function readBoundedFile(file: string, what: string, options: BoundedReadOptions = {}): string {
  const maxBytes = options.maxBytes ?? MAX_INPUT_BYTES;
  let target = file;
  if (options.root !== undefined) {
    const real = realPathInside(file, options.root, what);
    if (real === undefined) throw new GroundworkError(`Cannot read ${what}: it does not exist.`);
    target = real;
  }
  // Non-blocking: opening a FIFO with no writer would otherwise wait forever. No-follow (inside a
  // root, where the path is already resolved): a symlink swapped in after the check is refused.
  const flags = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0) | (options.root !== undefined ? (fs.constants.O_NOFOLLOW ?? 0) : 0);
  let fd: number;
  try {
    fd = fs.openSync(target, flags);
  } catch (error) {
    throw new GroundworkError(`Cannot read ${what}: ${reasonOf(error)}.`);
  }
  try {
    if (options.root !== undefined) checkOpenedInside(fd, options.root, what);
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) throw new GroundworkError(`${what} is ${kindOf(stat)}, not a regular file: inputs are read only from regular files.`);
    if (stat.size > maxBytes) throw new GroundworkError(`${what} holds ${stat.size} bytes, more than the ${mebibytes(maxBytes)} an input file may hold.`);
    // The size at open is what is read: a file growing meanwhile cannot push past the bound.
    const buffer = Buffer.allocUnsafe(stat.size);
    let filled = 0;
    while (filled < stat.size) {
      const n = fs.readSync(fd, buffer, filled, stat.size - filled, null);
      if (n === 0) break;
      filled += n;
    }
    return buffer.toString('utf8', 0, filled);
  } catch (error) {
    if (error instanceof GroundworkError) throw error;
    throw new GroundworkError(`Cannot read ${what}: ${reasonOf(error)}.`);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Where Linux says the open file is (/proc/self/fd), inside the root: closes the window between
 * resolving the path and opening it, in which a folder on the way could be swapped for a symlink.
 * Elsewhere (no /proc) the no-follow open is the guard.
 */
function checkOpenedInside(fd: number, root: string, what: string): void {
  let opened: string;
  try {
    opened = fs.readlinkSync(`/proc/self/fd/${fd}`);
  } catch {
    return;
  }
  if (path.isAbsolute(opened) && !isInside(opened, fs.realpathSync(root))) {
    throw outsideRoot(what, root);
  }
}

const outsideRoot = (what: string, root: string) => new GroundworkError(`${what} leads outside the analysis root ${root}: inputs are read only inside it (--root <dir> sets the root).`);

function kindOf(stat: fs.Stats): string {
  if (stat.isDirectory()) return 'a directory';
  if (stat.isFIFO()) return 'a FIFO';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isSocket()) return 'a socket';
  return 'a special file';
}

const mebibytes = (bytes: number): string => (bytes % (1024 * 1024) ? `${bytes} bytes` : `${bytes / 1024 / 1024} MiB`);

/** What went wrong opening or reading, in words (the errno message repeats the path, which `what` already names). */
function reasonOf(error: unknown): string {
  switch ((error as NodeJS.ErrnoException).code) {
    case 'ENOENT':
      return 'it does not exist';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ELOOP':
      return 'it is a symbolic link, or too many of them lead to it';
    case 'ENOTDIR':
      return 'a part of its path is not a folder';
    case 'EISDIR':
      return 'it is a directory';
    default:
      return (error as NodeJS.ErrnoException).code ?? 'unknown error';
  }
}
