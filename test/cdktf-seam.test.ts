/**
 * synth/cdktf-seam.ts: the fast path loads only where the installed cdktf is the 0.21.0 it was
 * written for. Here cdktf is faked: a copy of node_modules/cdktf in a temporary project (every
 * other package linked, node run with --preserve-symlinks so that the providers load the copy
 * too), once with another version and once with an `exports` map. The example organisation must
 * then synthesize through cdktf's own path, byte for byte what the fast path writes, with one
 * sentence on stderr saying why.
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { cdktfMismatch } from '../synth/cdktf-seam';
import { cleanUp, readTree, tempDir } from './helpers/synth';

afterAll(cleanUp);

const repo = path.join(__dirname, '..');
const modules = path.join(repo, 'node_modules');

/** A project whose dist/ is the repository's and whose node_modules links every package but cdktf, which is a copy changed by `edit`. */
function projectWithCdktf(edit: (manifest: Record<string, unknown>) => void): string {
  const root = tempDir('groundwork-fake-cdktf-');
  fs.symlinkSync(path.join(repo, 'dist'), path.join(root, 'dist'), 'dir');
  fs.mkdirSync(path.join(root, 'node_modules'));
  for (const entry of fs.readdirSync(modules)) {
    if (entry !== 'cdktf' && entry !== '.bin') fs.symlinkSync(path.join(modules, entry), path.join(root, 'node_modules', entry), 'dir');
  }
  const copy = path.join(root, 'node_modules', 'cdktf');
  fs.cpSync(path.join(modules, 'cdktf'), copy, { recursive: true });
  const manifestFile = path.join(copy, 'package.json');
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
  edit(manifest);
  fs.writeFileSync(manifestFile, JSON.stringify(manifest, null, 2));
  return root;
}

/** `npm run synth`'s app (dist/stacks/main.js) from a project root, run from the repository as cdktf runs it. */
function synthFrom(root: string, env: Record<string, string> = {}): { outdir: string; stderr: string } {
  const outdir = path.join(tempDir(), 'cdktf.out');
  const run = spawnSync('node', ['--preserve-symlinks', '--preserve-symlinks-main', '--expose-gc', path.join(root, 'dist/stacks/main.js')], {
    cwd: repo,
    env: { ...process.env, CDKTF_OUTDIR: outdir, GROUNDWORK_CDKTF_FAST_SYNTH: '', ...env },
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`synth failed (${run.status}):\n${run.stderr}`);
  return { outdir, stderr: run.stderr };
}

/** Which cdktf a project's node loads, and whether a deep import of an internal file works there. */
function loadedCdktf(root: string): { file: string; deepImport: string } {
  const probe = `const r = require.resolve('cdktf'); let deep = 'loads'; try { require('cdktf/lib/util'); } catch (e) { deep = e.code; } console.log(JSON.stringify({ file: r, deepImport: deep }));`;
  const script = path.join(root, 'probe.js');
  fs.writeFileSync(script, probe);
  return JSON.parse(execFileSync('node', ['--preserve-symlinks', '--preserve-symlinks-main', script], { encoding: 'utf8' }));
}

let normal: Record<string, string>;

beforeAll(() => {
  const { outdir, stderr } = synthFrom(repo);
  expect(stderr).toBe('');
  normal = readTree(outdir);
  expect(Object.keys(normal)).toEqual(expect.arrayContaining(['manifest.json', 'stacks/staging-aws/cdk.tf.json', 'catalog/catalog.json']));
});

test('another cdktf version: one sentence, and cdktf\'s own path writes what the fast path writes (but the version cdktf records)', () => {
  const root = projectWithCdktf((m) => (m.version = '0.22.0'));
  expect(loadedCdktf(root).file).toBe(path.join(root, 'node_modules/cdktf/lib/index.js'));
  const { outdir, stderr } = synthFrom(root);
  expect(stderr).toBe("cdktf 0.22.0 is not the 0.21.0 this fast path was written for; synthesizing with cdktf's own path.\n");
  // cdktf writes its own version into every stack's metadata and the manifest; that, and only that, differs.
  const tree = readTree(outdir);
  const recorded = Object.values(tree).reduce((n, text) => n + text.split('"version": "0.22.0"').length - 1, 0);
  expect(recorded).toBe(Object.keys(tree).filter((f) => f.endsWith('cdk.tf.json')).length + 1);
  const asNormal = Object.fromEntries(Object.entries(tree).map(([file, text]) => [file, text.replaceAll('"version": "0.22.0"', '"version": "0.21.0"')]));
  expect(asNormal).toEqual(normal);
});

describe('cdktf with an exports map (deep imports fail with ERR_PACKAGE_PATH_NOT_EXPORTED)', () => {
  let root: string;
  beforeAll(() => {
    root = projectWithCdktf((m) => (m.exports = { '.': './lib/index.js', './package.json': './package.json' }));
    expect(loadedCdktf(root)).toEqual({ file: path.join(root, 'node_modules/cdktf/lib/index.js'), deepImport: 'ERR_PACKAGE_PATH_NOT_EXPORTED' });
  });

  test('one sentence, and byte-identical output through cdktf\'s own path', () => {
    const { outdir, stderr } = synthFrom(root);
    expect(stderr).toBe('cdktf 0.21.0 declares an "exports" map, which hides the files this fast path was written against; synthesizing with cdktf\'s own path.\n');
    expect(readTree(outdir)).toEqual(normal);
  });

  test('GROUNDWORK_CDKTF_FAST_SYNTH=0 loads nothing of cdktf\'s internals and says nothing', () => {
    const { outdir, stderr } = synthFrom(root, { GROUNDWORK_CDKTF_FAST_SYNTH: '0' });
    expect(stderr).toBe('');
    expect(readTree(outdir)).toEqual(normal);
  });
});

describe('what the seam checks before loading the fast path', () => {
  const fakeRoot = (manifest: unknown, files: string[] = []) => {
    const root = tempDir('groundwork-fake-cdktf-root-');
    fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify(manifest));
    for (const file of files) {
      fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      fs.writeFileSync(path.join(root, file), '');
    }
    return root;
  };

  test('the installed cdktf passes', () => {
    expect(cdktfMismatch(path.join(modules, 'cdktf'))).toBeUndefined();
  });

  test('a file the fast path reaches into is missing: named', () => {
    expect(cdktfMismatch(fakeRoot({ name: 'cdktf', version: '0.21.0' }, ['lib/tokens/private/stack-trace.js']))).toBe(
      'cdktf 0.21.0 has no lib/tokens/private/resolve.js, which this fast path was written against',
    );
  });

  test('a version that is not a string, or none, is not 0.21.0', () => {
    expect(cdktfMismatch(fakeRoot({ name: 'cdktf', version: 21 }))).toBe('cdktf 21 is not the 0.21.0 this fast path was written for');
    expect(cdktfMismatch(fakeRoot({ name: 'cdktf' }))).toBe('cdktf undefined is not the 0.21.0 this fast path was written for');
    expect(cdktfMismatch(fakeRoot({ name: 'cdktf', version: '0.21.0-pre' }))).toBe('cdktf 0.21.0-pre is not the 0.21.0 this fast path was written for');
  });
});

test('nothing but the seam loads the fast path, and only the fast path requires files inside cdktf (from the list in synth/cdktf-internals.ts)', () => {
  const sources = ['model', 'constructs', 'golden-paths', 'synth', 'stacks', 'catalog', 'scripts', 'bench'].flatMap((folder) =>
    fs.readdirSync(path.join(repo, folder), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts')).map((f) => path.join(folder, f)),
  );
  const loadsFastPath = sources.filter((file) => /(?:from|import\(|require\()\s*'\.\/cdktf-fast-synth'/.test(fs.readFileSync(path.join(repo, file), 'utf8').replace(/import type [^;]+;/g, '')));
  expect(loadsFastPath).toEqual(['synth/cdktf-seam.ts']);
  const text = (file: string) => fs.readFileSync(path.join(repo, file), 'utf8');
  expect(sources.filter((file) => /(?:from|import\(|require\(|resolve\()\s*['`]cdktf\//.test(text(file)))).toEqual([]);
  expect(sources.filter((file) => text(file).includes('${CDKTF_PACKAGE}/'))).toEqual(['synth/cdktf-fast-synth.ts']);
});
