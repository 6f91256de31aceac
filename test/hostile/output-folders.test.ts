/**
 * Issue 24, item 1: no output path deletes what the platform did not write. Each refusal is one
 * sentence naming the folder, and the tree is byte-identical afterwards (every path, type, mode,
 * content and link target). The compiled entry points run as a user runs them.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { replaceFile } from '../../model/atomic-write';
import { OUTPUT_MARKER } from '../../model/output-folder';
import { ownerToken } from '../../model/process-owner';
import { cleanClone, repo } from '../helpers/project';
import { cleanUp, tempDir } from '../helpers/synth';
import { treeHash, treeListing } from '../helpers/tree-hash';

afterAll(cleanUp);
// The module itself (an `import * as` namespace is a copy under swc): what model/atomic-write.ts calls.
const crypto = require('crypto') as typeof import('crypto');

const dist = path.join(repo, 'dist');
const run = (entry: string, args: string[], cwd = repo, env: NodeJS.ProcessEnv = {}) =>
  spawnSync('node', [path.join(dist, entry), ...args], { cwd, encoding: 'utf8', env: { ...process.env, ...env } });
const UNMARKED = `it holds files Groundwork did not write (it has no ${OUTPUT_MARKER} marker), and replacing it would delete them; give a new or empty folder.`;
const refused = (what: string, folder: string, why = UNMARKED) => ({ status: 1, stderr: `Refusing to write ${what} into ${folder}: ${why}\nNothing was written.\n` });
const outcome = (result: { status: number | null; stderr: string }) => ({ status: result.status, stderr: result.stderr });

/** A folder of someone's own files: what must survive. */
function usersFolder(name = 'notes'): string {
  const dir = fs.realpathSync(tempDir('groundwork-users-'));
  fs.mkdirSync(path.join(dir, name));
  fs.writeFileSync(path.join(dir, name, 'plan.md'), 'mine\n');
  fs.writeFileSync(path.join(dir, 'run.sh'), '#!/bin/sh\n', { mode: 0o755 });
  fs.symlinkSync(`${name}/plan.md`, path.join(dir, 'link'));
  return dir;
}

// One synth of the example organisation for the whole file, as `npm run synth` writes it.
const outdir = path.join(fs.realpathSync(tempDir()), 'cdktf.out');
beforeAll(() => {
  const result = run('stacks/main.js', [], repo, { CDKTF_OUTDIR: outdir });
  if (result.status !== 0) throw new Error(result.stderr);
});

describe('the project root is never an output folder', () => {
  let clone: string;
  let before: string[];
  let gitStatus: string;
  const status = () => spawnSync('git', ['status', '--porcelain', '--ignored=no'], { cwd: clone, encoding: 'utf8' }).stdout;
  beforeAll(() => {
    clone = fs.realpathSync(cleanClone());
    fs.copyFileSync(path.join(repo, 'test/fixtures/plan/checkout/plan.json'), path.join(clone, 'plan.json'));
    before = treeListing(clone);
    gitStatus = status();
  });

  test('npm run adoption -- --out . refuses in one sentence and deletes nothing (.git included)', () => {
    const hash = treeHash(clone);
    expect(outcome(run('scripts/adoption.js', [outdir, '--out', '.'], clone))).toEqual(refused('the adoption report', clone));
    expect(treeListing(clone)).toEqual(before);
    expect(treeHash(clone)).toBe(hash);
  });

  test('npm run catalog -- . --plan plan.json (reports into ./catalog, the source folder) refuses and deletes nothing', () => {
    expect(outcome(run('scripts/catalog.js', ['.', '--plan', 'plan.json'], clone))).toEqual(refused('the catalog reports', path.join(clone, 'catalog')));
    expect(treeListing(clone)).toEqual(before);
  });

  test('npm run catalog -- --plan plan.json writes to groundwork-plan-report/ beside the plan, never ./catalog, and git sees nothing new but the plan', () => {
    const result = run('scripts/catalog.js', ['--plan', 'plan.json'], clone);
    expect(outcome(result)).toEqual({ status: 0, stderr: '' });
    expect(result.stdout).toMatch(/Wrote \d+ files to groundwork-plan-report\/catalog\.\n$/);
    expect(fs.existsSync(path.join(clone, 'groundwork-plan-report/catalog/catalog.json'))).toBe(true);
    expect(treeListing(clone).filter((l) => !l.startsWith('groundwork-plan-report'))).toEqual(before);
    expect(gitStatus).toContain('?? plan.json\n');
    expect(status()).toBe(gitStatus);
    // Run again: the folder is the platform's own now (its marker), so it is replaced.
    expect(outcome(run('scripts/catalog.js', ['--plan', 'plan.json'], clone))).toEqual({ status: 0, stderr: '' });
  });

  test('no default output folder is a tracked folder of the project, and each is ignored by git', () => {
    const defaults = ['cdktf.out', 'cdktf.out/catalog', 'cdktf.out/spend', 'cdktf.out/plans', 'adoption', 'pr-report', 'groundwork-plan-report', 'groundwork-plan-report/catalog'];
    for (const folder of defaults) {
      expect({ folder, tracked: spawnSync('git', ['ls-files', '--', folder], { cwd: repo, encoding: 'utf8' }).stdout }).toEqual({ folder, tracked: '' });
      expect({ folder, ignored: spawnSync('git', ['check-ignore', '-q', '--no-index', `${folder}/x`], { cwd: repo }).status }).toEqual({ folder, ignored: 0 });
    }
  });
});

describe('every command refuses a folder it did not write, before reading anything', () => {
  // [command, what it writes, the user's folder's name (catalog and plan write into a subfolder of the folder given), the command run on it]
  test.each<[string, string, string, (target: string) => ReturnType<typeof run>]>([
    ['synth (CDKTF_OUTDIR)', 'the synth output', 'notes', (target) => run('stacks/main.js', [], repo, { CDKTF_OUTDIR: target })],
    ['npm run catalog -- <dir>', 'the catalog reports', 'catalog', (target) => run('scripts/catalog.js', [path.dirname(target)])],
    ['npm run adoption -- --out', 'the adoption report', 'notes', (target) => run('scripts/adoption.js', ['/nonexistent/cdktf.out', '--out', target])],
    ['npm run spend -- --out (the billing file is not even looked for)', 'the spend report', 'notes', (target) => run('scripts/spend.js', ['--billing', '/nonexistent/billing.csv', '--out', target])],
    ['npm run pr-report -- --out', 'the PR report', 'notes', (target) => run('scripts/pr-report.js', ['--base', '/nonexistent/a', '--head', '/nonexistent/b', '--out', target])],
    ['npm run plan -- --dir (its plans/)', 'the plans', 'plans', (target) => run('scripts/plan.js', ['--dir', path.dirname(target)])],
    ['npm run review -- --out (before any worktree)', 'the PR report', 'notes', (target) => run('scripts/review.js', ['--base', 'HEAD', '--out', target], path.dirname(target))],
  ])('%s', (_, what, name, command) => {
    const parent = usersFolder(name);
    const target = path.join(parent, name);
    const before = treeListing(parent);
    expect(outcome(command(target))).toEqual(refused(what, target));
    expect(treeListing(parent)).toEqual(before);
  });

  test('a file, a dangling link, a link to a user folder, another kind of Groundwork output: one sentence each, nothing changed', () => {
    const parent = usersFolder();
    fs.symlinkSync('/nonexistent/elsewhere', path.join(parent, 'dangling'));
    fs.symlinkSync('notes', path.join(parent, 'to-notes'));
    const before = treeListing(parent);
    const adoption = (out: string) => outcome(run('scripts/adoption.js', [outdir, '--out', out]));
    expect(adoption(path.join(parent, 'run.sh'))).toEqual(refused('the adoption report', path.join(parent, 'run.sh'), 'it is a file, not a folder; give a new or empty folder.'));
    expect(adoption(path.join(parent, 'dangling'))).toEqual(refused('the adoption report', path.join(parent, 'dangling'), 'it is a symbolic link to nothing; give a new or empty folder.'));
    expect(adoption(path.join(parent, 'to-notes'))).toEqual(refused('the adoption report', path.join(parent, 'to-notes')));
    expect(treeListing(parent)).toEqual(before);
    const synthBefore = treeListing(outdir);
    expect(adoption(outdir)).toEqual(refused('the adoption report', outdir, "it holds Groundwork's synth output, not the adoption report; give a new or empty folder."));
    expect(adoption(path.join(outdir, 'catalog'))).toEqual(refused('the adoption report', path.join(outdir, 'catalog'), "it holds Groundwork's catalog output, not the adoption report; give a new or empty folder."));
    expect(treeListing(outdir)).toEqual(synthBefore);
  });

  test('a forged or unreadable marker is not the platform\'s', () => {
    const dir = usersFolder();
    fs.writeFileSync(path.join(dir, OUTPUT_MARKER), '{"kind": "adoption"}\n');
    const before = treeListing(dir);
    expect(outcome(run('scripts/adoption.js', [outdir, '--out', dir]))).toEqual(refused('the adoption report', dir));
    expect(treeListing(dir)).toEqual(before);
  });
});

describe('what the platform may write into', () => {
  test('an empty folder, then the same folder again (marked); the marker names the kind', () => {
    const out = fs.realpathSync(tempDir());
    expect(outcome(run('scripts/adoption.js', [outdir, '--out', out]))).toEqual({ status: 0, stderr: `Report: ${path.join(out, 'adoption.json')}, ${path.join(out, 'adoption.md')}\n` });
    expect(fs.readdirSync(out).sort()).toEqual([OUTPUT_MARKER, 'adoption.json', 'adoption.md']);
    expect(fs.readFileSync(path.join(out, OUTPUT_MARKER), 'utf8')).toBe('{\n  "kind": "adoption",\n  "writtenBy": "groundwork"\n}\n');
    expect(run('scripts/adoption.js', [outdir, '--out', out]).status).toBe(0);
    expect(fs.readFileSync(path.join(outdir, OUTPUT_MARKER), 'utf8')).toBe('{\n  "kind": "synth",\n  "writtenBy": "groundwork"\n}\n');
    expect(fs.readFileSync(path.join(outdir, 'catalog', OUTPUT_MARKER), 'utf8')).toBe('{\n  "kind": "catalog",\n  "writtenBy": "groundwork"\n}\n');
  });

  test("a cdktf.out an earlier version wrote (manifest.json and catalog/, no marker) is accepted once and marked; one with a user's file in it is not", () => {
    const earlier = path.join(fs.realpathSync(tempDir()), 'cdktf.out');
    fs.cpSync(outdir, earlier, { recursive: true });
    fs.rmSync(path.join(earlier, OUTPUT_MARKER));
    fs.rmSync(path.join(earlier, 'catalog', OUTPUT_MARKER));
    const synthInto = (dir: string) => outcome(run('stacks/main.js', [], repo, { CDKTF_OUTDIR: dir }));
    const withNotes = path.join(fs.realpathSync(tempDir()), 'cdktf.out');
    fs.cpSync(earlier, withNotes, { recursive: true });
    fs.writeFileSync(path.join(withNotes, 'notes.txt'), 'mine\n');
    const before = treeListing(withNotes);
    expect(synthInto(withNotes)).toEqual(refused('the synth output', withNotes));
    expect(treeListing(withNotes)).toEqual(before);
    // npm run catalog on the earlier output: its unmarked catalog/ holds only the reports, so it is accepted too.
    expect(outcome(run('scripts/catalog.js', [earlier]))).toEqual({ status: 0, stderr: '' });
    fs.rmSync(path.join(earlier, 'catalog', OUTPUT_MARKER));
    expect(synthInto(earlier)).toEqual({ status: 0, stderr: '' });
    expect(fs.existsSync(path.join(earlier, OUTPUT_MARKER))).toBe(true);
    expect(treeListing(earlier).filter((l) => !l.includes(OUTPUT_MARKER))).toEqual(treeListing(outdir).filter((l) => !l.includes(OUTPUT_MARKER)));
  });
});

describe('temporary files', () => {
  afterEach(() => jest.restoreAllMocks());

  test('a symbolic link planted at the temporary name is not followed: the next random name is taken', () => {
    const dir = fs.realpathSync(tempDir());
    const victim = path.join(fs.realpathSync(tempDir()), 'victim.txt');
    fs.writeFileSync(victim, 'precious\n');
    const file = path.join(dir, 'report.json');
    // The old predictable name and the first random name both hold a link to the victim.
    fs.symlinkSync(victim, `${file}.tmp-${process.pid}`);
    fs.symlinkSync(victim, `${file}.tmp-${ownerToken()}-aaaaaaaaaaaa`);
    const names = [Buffer.from('aaaaaaaaaaaa', 'hex'), Buffer.from('bbbbbbbbbbbb', 'hex')];
    jest.spyOn(crypto, 'randomBytes').mockImplementation((() => names.shift() ?? Buffer.from('cccccccccccc', 'hex')) as never);
    const before = treeListing(path.dirname(victim));
    replaceFile(file, '{"ok": true}\n');
    expect(fs.readFileSync(file, 'utf8')).toBe('{"ok": true}\n');
    expect(fs.lstatSync(file).isFile()).toBe(true);
    expect(treeListing(path.dirname(victim))).toEqual(before);
    expect(fs.readdirSync(dir).sort()).toEqual(['report.json', `report.json.tmp-${ownerToken()}-aaaaaaaaaaaa`, `report.json.tmp-${process.pid}`].sort());
  });

  test('when every name tried is taken, the write fails and nothing is followed', () => {
    const dir = fs.realpathSync(tempDir());
    const victim = path.join(fs.realpathSync(tempDir()), 'victim.txt');
    fs.writeFileSync(victim, 'precious\n');
    const file = path.join(dir, 'report.json');
    fs.symlinkSync(victim, `${file}.tmp-${ownerToken()}-aaaaaaaaaaaa`);
    jest.spyOn(crypto, 'randomBytes').mockImplementation((() => Buffer.from('aaaaaaaaaaaa', 'hex')) as never);
    expect(() => replaceFile(file, 'x')).toThrow(/EEXIST/);
    expect(fs.readFileSync(victim, 'utf8')).toBe('precious\n');
    expect(fs.existsSync(file)).toBe(false);
  });
});
