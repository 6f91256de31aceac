/**
 * Issue 24, item 8: a command killed with SIGKILL (synth, the analysis, npm run review) leaves the
 * previous output intact at once, and once the next command has run no staging folder and no
 * worktree remain. Each temporary folder names its owner (pid and start time): a reused pid is not
 * mistaken for it.
 */
import { spawn, spawnSync, SpawnOptions } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { claimOutputFolder } from '../../model/output-folder';
import { ownerIsGone, ownerToken } from '../../model/process-owner';
import { replaceFile } from '../../model/atomic-write';
import { removeDeadRefWorktrees } from '../../scripts/ref-synth';
import { SYNTH_OUTPUT } from '../../synth/synth-output';
import { cleanClone, repo } from '../helpers/project';
import { cleanUp, tempDir } from '../helpers/synth';
import { treeListing } from '../helpers/tree-hash';

afterAll(cleanUp);

const dist = (entry: string) => path.join(repo, 'dist', entry);
const pause = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
const entries = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir).sort() : []);
const staging = (dir: string, name: string) => entries(dir).filter((e) => e.startsWith(`.${name}.staging-`));

/** A process that has exited (or is a zombie waiting to be reaped). */
function ended(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return true;
  }
}

/**
 * Runs `node <args>` in a process group of its own and kills the whole group with SIGKILL as soon
 * as `ready(pid)` holds. @returns whether it was killed (false: it ended first)
 */
async function killWhen(args: string[], options: SpawnOptions, ready: (pid: number) => boolean): Promise<boolean> {
  const child = spawn('node', args, { ...options, detached: true, stdio: 'ignore' });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  const pid = child.pid!;
  const deadline = Date.now() + 90_000;
  let killed = false;
  while (Date.now() < deadline && !ended(pid)) {
    if (ready(pid)) {
      process.kill(-pid, 'SIGKILL');
      killed = true;
      break;
    }
    pause(1);
  }
  if (!killed && !ended(pid)) process.kill(-pid, 'SIGKILL');
  await exited;
  return killed;
}

/** Retries a kill whose moment is short (a few milliseconds of writing) until it lands. */
async function killSomeTime(args: string[], options: SpawnOptions, ready: (pid: number) => boolean): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt++) if (await killWhen(args, options, ready)) return;
  throw new Error(`never caught ${args.join(' ')} at the moment asked for`);
}

describe('the owner of a temporary folder', () => {
  test('is this process id and its start time from /proc/<pid>/stat (field 22)', () => {
    const stat = fs.readFileSync('/proc/self/stat', 'utf8');
    const start = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
    expect(ownerToken()).toBe(`${process.pid}-${start}`);
    expect(ownerIsGone(process.pid, start)).toBe(false);
  });

  test('a pid now used by a process started at another time is not the owner; an ended process is gone', () => {
    const stat = fs.readFileSync('/proc/1/stat', 'utf8');
    const start = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
    expect(ownerIsGone(1, start)).toBe(false);
    expect(ownerIsGone(1, String(Number(start) + 1))).toBe(true);
    const done = spawnSync('true');
    expect(ownerIsGone(done.pid!, '1')).toBe(true);
  });
});

describe('SIGKILL during synth and the analysis', () => {
  const parent = fs.realpathSync(tempDir());
  const outdir = path.join(parent, 'cdktf.out');
  const synth = { cwd: repo, env: { ...process.env, CDKTF_OUTDIR: outdir } };
  let before: string[];
  beforeAll(() => {
    const first = spawnSync('node', [dist('stacks/main.js')], { ...synth, encoding: 'utf8' });
    if (first.status !== 0) throw new Error(first.stderr);
    before = treeListing(outdir);
  });

  test.each<[string, (stagingDir: string) => boolean]>([
    ['as soon as its staging folder exists', () => true],
    ['once the stacks are written (the expression check and the analysis running)', (dir) => fs.existsSync(path.join(dir, 'manifest.json'))],
    ['while the analysis writes its reports', (dir) => staging(dir, 'catalog').length > 0],
  ])('synth killed %s: the previous output is intact at once', async (_, moment) => {
    await killSomeTime([dist('stacks/main.js')], synth, () => staging(parent, 'cdktf.out').some((s) => moment(path.join(parent, s))));
    expect(treeListing(outdir)).toEqual(before);
    expect(staging(parent, 'cdktf.out')).not.toEqual([]);
  });

  test('npm run catalog killed while it writes the reports: the previous catalog is intact at once', async () => {
    await killSomeTime([dist('scripts/catalog.js'), outdir], { cwd: repo }, () => staging(outdir, 'catalog').length > 0);
    expect(treeListing(outdir).filter((l) => !l.startsWith('.catalog.staging-'))).toEqual(before);
    expect(staging(outdir, 'catalog')).not.toEqual([]);
  });

  test('the next commands run: no staging folder remains, and the output is whole', () => {
    const catalog = spawnSync('node', [dist('scripts/catalog.js'), outdir], { cwd: repo, encoding: 'utf8' });
    expect({ status: catalog.status, stderr: catalog.stderr }).toEqual({ status: 0, stderr: '' });
    expect(staging(outdir, 'catalog')).toEqual([]);
    const again = spawnSync('node', [dist('stacks/main.js')], { ...synth, encoding: 'utf8' });
    expect({ status: again.status, stderr: again.stderr }).toEqual({ status: 0, stderr: '' });
    expect(entries(parent)).toEqual(['cdktf.out']);
    expect(treeListing(outdir)).toEqual(before);
  });

  test('killed between its two renames, the previous output waits under .previous: the next command puts it back', () => {
    const dead = spawnSync('true').pid!;
    const previous = path.join(parent, `.cdktf.out.staging-${dead}-1-AbCdEf.previous`);
    fs.renameSync(outdir, previous);
    expect(claimOutputFolder(outdir, SYNTH_OUTPUT)).toBe(outdir);
    expect(entries(parent)).toEqual(['cdktf.out']);
    expect(treeListing(outdir)).toEqual(before);
  });

  test("a killed command's temporary file is removed by the next write of the same file; a live owner's is kept", () => {
    const dir = fs.realpathSync(tempDir());
    const dead = spawnSync('true').pid!;
    fs.writeFileSync(path.join(dir, `report.json.tmp-${dead}-1-abcdef`), 'half');
    fs.writeFileSync(path.join(dir, `report.json.tmp-${ownerToken()}-abcdef`), 'mine, still being written');
    replaceFile(path.join(dir, 'report.json'), '{}\n');
    expect(entries(dir)).toEqual(['report.json', `report.json.tmp-${ownerToken()}-abcdef`]);
  });
});

describe('SIGKILL during npm run review', () => {
  let clone: string;
  const review = (args: string[]) => spawnSync('node', [dist('scripts/review.js'), ...args], { cwd: clone, encoding: 'utf8' });
  const worktrees = () => spawnSync('git', ['worktree', 'list', '--porcelain'], { cwd: clone, encoding: 'utf8' }).stdout.split('\n').filter((l) => l.startsWith('worktree ')).length;
  const refFolders = (pid: number) => entries(os.tmpdir()).filter((e) => e.startsWith(`groundwork-ref-${pid}-`));
  beforeAll(() => {
    clone = fs.realpathSync(cleanClone());
  });

  test('killed while the base worktree is checked out: it stays until the next review, which removes it (even one that fails at once)', async () => {
    let pid = 0;
    const killed = await killWhen([dist('scripts/review.js'), '--base', 'HEAD'], { cwd: clone }, (p) => {
      pid = p;
      return refFolders(p).some((f) => fs.existsSync(path.join(os.tmpdir(), f, 'base')));
    });
    expect(killed).toBe(true);
    expect(refFolders(pid)).toHaveLength(1);
    const failed = review(['--base', 'no-such-ref']);
    expect({ status: failed.status, stderr: failed.stderr }).toEqual({ status: 1, stderr: 'The git ref "no-such-ref" does not exist in this repository: pass a branch, tag or commit (--base).\nNothing was written.\n' });
    expect(refFolders(pid)).toEqual([]);
    expect(worktrees()).toBe(1);
  });

  test("killed after git registered the worktree but before it wrote the worktree's .git file: the locked entry is removed too", () => {
    const dead = spawnSync('true').pid!;
    const temporary = path.join(fs.realpathSync(os.tmpdir()), `groundwork-ref-${dead}-1-Locked`);
    fs.mkdirSync(temporary);
    const gitDir = path.join(clone, '.git');
    fs.writeFileSync(path.join(temporary, 'repository'), gitDir);
    expect(spawnSync('git', ['worktree', 'add', '--detach', path.join(temporary, 'base'), 'HEAD'], { cwd: clone }).status).toBe(0);
    const [id] = fs.readdirSync(path.join(gitDir, 'worktrees'));
    fs.writeFileSync(path.join(gitDir, 'worktrees', id, 'locked'), 'initializing');
    fs.rmSync(path.join(temporary, 'base', '.git'));
    expect(worktrees()).toBe(2);
    removeDeadRefWorktrees();
    expect(fs.existsSync(temporary)).toBe(false);
    expect(worktrees()).toBe(1);
  });

  test('killed while the working tree is synthesized (the base done): its staging folder and the worktree are removed by the next review', async () => {
    let pid = 0;
    const killed = await killWhen([dist('scripts/review.js'), '--base', 'HEAD'], { cwd: clone }, (p) => {
      pid = p;
      return staging(clone, 'cdktf.out').length > 0;
    });
    expect(killed).toBe(true);
    // cdktf starts the app in a process group of its own: kill the synth that owns the staging folder too, as a crash would.
    for (const owner of staging(clone, 'cdktf.out').map((s) => Number(/staging-(\d+)-/.exec(s)![1]))) {
      if (!ended(owner)) process.kill(owner, 'SIGKILL');
      while (!ended(owner)) pause(10);
    }
    expect(refFolders(pid)).toHaveLength(1);
    // The next review (failing at once on its ref: the sweep comes first) is enough; a full review is in pr-report-edges.test.ts.
    expect(review(['--base', 'no-such-ref']).status).toBe(1);
    expect(refFolders(pid)).toEqual([]);
    expect(staging(clone, 'cdktf.out')).toEqual([]);
    expect(worktrees()).toBe(1);
  });
});
