/**
 * Who owns a temporary folder: the process id and its start time, so that litter left by a killed
 * command is recognised as such and a reused process id is not mistaken for the owner.
 */
import * as fs from 'fs';

/** A process start time is read from /proc on Linux; elsewhere "0" stands for "unknown" and the id alone decides. */
const UNKNOWN_START = '0';

/** Field 22 of /proc/<pid>/stat (start time in clock ticks since boot), or undefined when the process does not exist or has ended. */
function startTimeOf(pid: number): string | undefined {
  let stat: string;
  try {
    stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return fs.existsSync('/proc/self/stat') ? undefined : UNKNOWN_START;
  }
  // The command name (field 2) is in parentheses and may hold spaces: count from the last ')', which ends field 2.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // A zombie (state Z, or X while it goes) has ended: only its parent has not collected it yet.
  if (fields[0] === 'Z' || fields[0] === 'X') return undefined;
  return fields[22 - 3];
}

/** This process as `<pid>-<start time>`: put in the names of the temporary folders it creates. */
export function ownerToken(): string {
  return `${process.pid}-${startTimeOf(process.pid) ?? UNKNOWN_START}`;
}

/** Whether the process a token names has ended (its id now unused, or used by a process started at another time). */
export function ownerIsGone(pid: number, start: string): boolean {
  if (pid === process.pid) return start !== ownerToken().split('-')[1];
  const current = startTimeOf(pid);
  if (current === undefined) return true;
  if (current !== UNKNOWN_START && start !== UNKNOWN_START) return current !== start;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * Ends the processes still working in a folder whose owner is gone: a killed command's children
 * (a `git worktree add` checking out, a synth) are not killed with it and would go on writing
 * there after the folder is removed. Found by their working directory or an argument inside the
 * folder (Linux /proc; elsewhere none are found); each is sent SIGKILL and waited for, a bounded time.
 * @returns how many were ended
 */
export function endProcessesIn(folder: string, waitMs = 5000): number {
  const inside = (p: string) => p === folder || p.startsWith(`${folder}/`);
  const pids: number[] = [];
  let entries: string[] = [];
  try {
    entries = fs.readdirSync('/proc');
  } catch {
    return 0;
  }
  for (const entry of entries) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    try {
      const args = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      if (args.some(inside) || inside(fs.readlinkSync(`/proc/${pid}/cwd`))) pids.push(pid);
    } catch {
      // Ended meanwhile, or not ours to read.
    }
  }
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  const until = Date.now() + waitMs;
  while (pids.some((pid) => startTimeOf(pid) !== undefined) && Date.now() < until) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
  return pids.length;
}
