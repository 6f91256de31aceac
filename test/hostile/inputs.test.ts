/**
 * Issue 24, items 2 and 3 (configuration): every path an input names stays inside the analysis
 * root, is a regular file of bounded size, and every .tf.json and manifest.json has the shape the
 * reader relies on. Each hostile input runs through the real entry points (dist/scripts: npm run
 * catalog, policy, cost) and must give exactly one sentence, exit 1, no stack trace, and leave the
 * folder tree byte-identical.
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { isGroundworkError } from '../../model/errors';
import { MAX_JSON_DEPTH, parseJson, tooDeep } from '../../model/read-json';
import { MAX_INPUT_BYTES, readBoundedFile } from '../../model/safe-read';
import { repo } from '../helpers/project';
import { cleanUp, tempDir } from '../helpers/synth';
import { treeHash } from '../helpers/tree-hash';

afterAll(cleanUp);

const SECRET = 'hunter2-do-not-leak';
const ENTRY_POINTS = ['catalog', 'cost', 'policy'] as const;

/** A tiny, valid configuration: one tagged bucket. */
const BUCKET = { provider: { aws: [{ region: 'us-east-1' }] }, resource: { aws_s3_bucket: { logs: { bucket: 'acme-logs', tags: { owner: 'payments', service: 'checkout' } } } } };

interface Layout {
  /** The scratch folder: `out/` (the input), `outside/x.json` (a file beside it, outside its root). */
  readonly base: string;
  readonly out: string;
}

interface HostileCase {
  readonly name: string;
  /** Plants the hostile input under `out/` (and around it). */
  readonly plant: (at: Layout) => void;
  /** Flags after the output folder. */
  readonly flags?: string[];
  /** The one sentence, given the real path of `out/` (the default root). */
  readonly sentence: (root: string) => string;
}

const write = (file: string, text: string) => {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
};
/** A cdktf output folder whose one stack `a` is said to be at `stackPath`. */
const manifest = (at: Layout, stackPath: string) => write(path.join(at.out, 'manifest.json'), JSON.stringify({ version: '0.21.0', stacks: { a: { name: 'a', synthesizedStackPath: stackPath, workingDirectory: 'stacks/a' } } }));
/** A cdktf output folder whose one stack holds `text`. */
const stack = (at: Layout, text: string) => {
  manifest(at, 'stacks/a/cdk.tf.json');
  write(path.join(at.out, 'stacks/a/cdk.tf.json'), text);
};
const outside = (stackPath: string) => (root: string) => `${stackPath} (listed in out/manifest.json) leads outside the analysis root ${root}: inputs are read only inside it (--root <dir> sets the root).`;
const nested = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

const CASES: HostileCase[] = [
  // Paths (item 2)
  { name: 'a manifest path ../ out of the root', plant: (at) => manifest(at, '../outside/x.json'), sentence: outside('../outside/x.json') },
  { name: 'an absolute manifest path', plant: (at) => manifest(at, '/etc/hostname'), sentence: outside('/etc/hostname') },
  {
    name: 'a symlink out of the root',
    plant: (at) => {
      manifest(at, 'stacks/a/cdk.tf.json');
      fs.mkdirSync(path.join(at.out, 'stacks/a'), { recursive: true });
      fs.symlinkSync(path.join(at.base, 'outside/x.json'), path.join(at.out, 'stacks/a/cdk.tf.json'));
    },
    sentence: outside('stacks/a/cdk.tf.json'),
  },
  {
    name: 'a symlinked .tf.json out of the root (no manifest)',
    plant: (at) => fs.symlinkSync('../outside/x.json', path.join(at.out, 'main.tf.json')),
    sentence: (root) => `main.tf.json leads outside the analysis root ${root}: inputs are read only inside it (--root <dir> sets the root).`,
  },
  {
    name: 'a FIFO (would block a read forever)',
    plant: (at) => {
      manifest(at, 'stacks/a/cdk.tf.json');
      fs.mkdirSync(path.join(at.out, 'stacks/a'), { recursive: true });
      execFileSync('mkfifo', [path.join(at.out, 'stacks/a/cdk.tf.json')]);
    },
    sentence: () => 'stacks/a/cdk.tf.json is a FIFO, not a regular file: inputs are read only from regular files.',
  },
  {
    name: 'a FIFO named .tf.json (no manifest)',
    plant: (at) => execFileSync('mkfifo', [path.join(at.out, 'pipe.tf.json')]),
    sentence: () => 'pipe.tf.json is a FIFO, not a regular file: inputs are read only from regular files.',
  },
  // /dev/zero under a root that holds it: the device itself is refused, not only its place.
  { name: '/dev/zero (would grow without end)', plant: (at) => manifest(at, '/dev/zero'), flags: ['--root', '/'], sentence: () => '/dev/zero is a character device, not a regular file: inputs are read only from regular files.' },
  { name: '/dev/zero outside the root', plant: (at) => manifest(at, '/dev/zero'), sentence: outside('/dev/zero') },
  {
    name: 'a directory',
    plant: (at) => {
      manifest(at, 'stacks/a');
      fs.mkdirSync(path.join(at.out, 'stacks/a'), { recursive: true });
    },
    sentence: () => 'stacks/a is a directory, not a regular file: inputs are read only from regular files.',
  },
  {
    name: 'a file over the size bound (sparse)',
    plant: (at) => {
      stack(at, '{}');
      fs.truncateSync(path.join(at.out, 'stacks/a/cdk.tf.json'), MAX_INPUT_BYTES + 1);
    },
    sentence: () => `stacks/a/cdk.tf.json holds ${MAX_INPUT_BYTES + 1} bytes, more than the 256 MiB an input file may hold.`,
  },
  // Shapes (item 3)
  {
    name: 'values nested 5,000 deep',
    plant: (at) => stack(at, `{"locals": {"deep": ${nested(5000)}}}`),
    sentence: () => `stacks/a/cdk.tf.json: locals.deep.a.a.a.a… is nested more than ${MAX_JSON_DEPTH} levels deep, the most an input may have.`,
  },
  { name: 'a null resource body', plant: (at) => stack(at, JSON.stringify({ resource: { aws_s3_bucket: { b: null } } })), sentence: () => 'stacks/a/cdk.tf.json: resource.aws_s3_bucket.b must be an object or a list, not null.' },
  { name: 'variables as a list', plant: (at) => stack(at, JSON.stringify({ variable: [{ region: { default: 'us-east-1' } }] })), sentence: () => 'stacks/a/cdk.tf.json: variable must be an object, not a list.' },
  { name: 'resources as a string', plant: (at) => stack(at, JSON.stringify({ resource: 'x' })), sentence: () => 'stacks/a/cdk.tf.json: resource must be an object, not a string.' },
  { name: 'a resource type as a list', plant: (at) => stack(at, JSON.stringify({ resource: { aws_s3_bucket: [{ b: {} }] } })), sentence: () => 'stacks/a/cdk.tf.json: resource.aws_s3_bucket must be an object, not a list.' },
  { name: 'an empty list of bodies', plant: (at) => stack(at, JSON.stringify({ data: { aws_iam_policy_document: { p: [] } } })), sentence: () => 'stacks/a/cdk.tf.json: data.aws_iam_policy_document.p must not be an empty list.' },
  { name: 'a provider configuration as a number', plant: (at) => stack(at, JSON.stringify({ provider: { aws: [{ region: 'us-east-1' }, 5] } })), sentence: () => 'stacks/a/cdk.tf.json: provider.aws[1] must be an object, not a number.' },
  { name: 'an output as a string', plant: (at) => stack(at, JSON.stringify({ output: { id: 'x' } })), sentence: () => 'stacks/a/cdk.tf.json: output.id must be an object, not a string.' },
  { name: 'a top level that is a list', plant: (at) => write(path.join(at.out, 'main.tf.json'), '[]'), sentence: () => 'main.tf.json: the top level must be an object, not a list.' },
  { name: 'manifest stacks as a list', plant: (at) => write(path.join(at.out, 'manifest.json'), '{"stacks": []}'), sentence: () => 'out/manifest.json: stacks must be an object, not a list; re-run synth.' },
  { name: 'a manifest stack without its path', plant: (at) => write(path.join(at.out, 'manifest.json'), '{"stacks": {"a": {"name": "a"}}}'), sentence: () => 'out/manifest.json: stacks.a is missing the required property "synthesizedStackPath"; re-run synth.' },
  // JSON syntax: the position, never the text there.
  { name: 'invalid JSON holding a secret', plant: (at) => stack(at, `{\n  "password": ${SECRET}\n}`), sentence: () => 'stacks/a/cdk.tf.json is not valid JSON: invalid symbol at line 2, column 15; re-run synth, or fix the file.' },
  { name: 'a text file read as JSON', plant: (at) => write(path.join(at.out, 'main.tf.json'), `${SECRET}\n`), sentence: () => 'main.tf.json is not valid JSON: invalid symbol at line 1, column 1; re-run synth, or fix the file.' },
];

function scratch(): Layout {
  const base = tempDir('groundwork-inputs-');
  const at = { base, out: path.join(base, 'out') };
  fs.mkdirSync(at.out);
  write(path.join(base, 'outside/x.json'), JSON.stringify({ resource: { aws_s3_bucket: { stolen: { bucket: SECRET } } } }));
  return at;
}

const run = (script: string, cwd: string, args: string[]) => spawnSync('node', [path.join(repo, 'dist/scripts', `${script}.js`), ...args], { cwd, encoding: 'utf8', timeout: 60_000 });

/** Every case through npm run catalog; cost and policy share its reader, so a few cases each show they go through it too. */
const RUNS = CASES.flatMap((c, i) => ENTRY_POINTS.filter((script) => script === 'catalog' || i % 5 === 0).map((script) => [script, c.name, c] as const));

describe('hostile inputs', () => {
  test.each(RUNS)('npm run %s, %s: one sentence, exit 1, nothing changed', (script, _, hostile) => {
    const at = scratch();
    hostile.plant(at);
    const before = treeHash(at.base);
    const result = run(script, at.base, ['out', ...(hostile.flags ?? [])]);
    expect(result.error).toBeUndefined(); // no timeout: nothing blocked
    expect(result.stderr).toBe(`${hostile.sentence(fs.realpathSync(at.out))}\nNothing was written.\n`);
    expect(result.status).toBe(1);
    expect(result.stderr).not.toContain(SECRET);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(treeHash(at.base)).toBe(before);
  });
});

describe('paths inside the root still resolve', () => {
  /** `out/` whose stack is `../shared/main.tf.json`, as a module source `../` would be. */
  const sharedStack = () => {
    const at = scratch();
    manifest(at, '../shared/main.tf.json');
    write(path.join(at.base, 'shared/main.tf.json'), JSON.stringify(BUCKET));
    return at;
  };
  const bucketsIn = (out: string) => (JSON.parse(fs.readFileSync(path.join(out, 'catalog/catalog.json'), 'utf8')).entities as Array<{ kind: string; name: string }>).filter((e) => e.kind === 'resource').map((e) => e.name);

  test('../ inside the git top level (the default root)', () => {
    const at = sharedStack();
    fs.mkdirSync(path.join(at.base, '.git'));
    const result = run('catalog', at.base, ['out']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(bucketsIn(at.out)).toEqual(['acme-logs-bucket']);
  });

  test('../ inside --root', () => {
    const at = sharedStack();
    const refused = run('catalog', at.base, ['out']);
    expect(refused.stderr).toBe(`${outside('../shared/main.tf.json')(fs.realpathSync(at.out))}\nNothing was written.\n`);
    const result = run('catalog', at.base, ['out', '--root', '.']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(bucketsIn(at.out)).toEqual(['acme-logs-bucket']);
  });

  test('a symlink that stays inside the root', () => {
    const at = scratch();
    write(path.join(at.out, 'modules/bucket.json'), JSON.stringify(BUCKET));
    fs.symlinkSync('modules/bucket.json', path.join(at.out, 'main.tf.json'));
    const result = run('catalog', at.base, ['out']);
    expect(result.stderr).toBe('');
    expect(bucketsIn(at.out)).toEqual(['acme-logs-bucket']);
  });

  test('--root must hold the output folder', () => {
    const at = scratch();
    write(path.join(at.out, 'main.tf.json'), JSON.stringify(BUCKET));
    const before = treeHash(at.base);
    const result = run('catalog', at.base, ['out', '--root', 'outside']);
    expect(result.stderr).toBe('out is outside the analysis root outside: pass a --root that holds it.\nNothing was written.\n');
    expect(result.status).toBe(1);
    expect(treeHash(at.base)).toBe(before);
  });
});

describe('other readers of manifests and stacks', () => {
  test('npm run plan: a working directory out of the root is refused before terraform runs there', () => {
    const at = scratch();
    stack(at, JSON.stringify(BUCKET));
    write(path.join(at.out, 'manifest.json'), JSON.stringify({ stacks: { a: { synthesizedStackPath: 'stacks/a/cdk.tf.json', workingDirectory: '../outside' } } }));
    const before = treeHash(at.base);
    const result = run('plan', at.base, ['--dir', 'out', '--offline']);
    expect(result.stderr).toBe(`${outside('../outside')(fs.realpathSync(at.out))}\nNothing was written.\n`);
    expect(result.status).toBe(1);
    expect(treeHash(at.base)).toBe(before);
  });

  test('npm run pr-report: a null resource body in the head', () => {
    const at = scratch();
    const head = { base: at.base, out: path.join(at.base, 'head') };
    fs.mkdirSync(head.out);
    stack(at, JSON.stringify(BUCKET));
    stack(head, JSON.stringify({ resource: { aws_s3_bucket: { b: null } } }));
    expect(run('catalog', at.base, ['out']).status).toBe(0); // a complete base: its reports too
    const before = treeHash(at.base);
    const result = run('pr-report', at.base, ['--base', 'out', '--head', 'head']);
    expect(result.stderr).toBe('stacks/a/cdk.tf.json: resource.aws_s3_bucket.b must be an object or a list, not null.\nNothing was written.\n');
    expect(result.status).toBe(1);
    expect(treeHash(at.base)).toBe(before);
  });

  test('npm run catalog: cdktf metadata whose construct path is not a string names no construct (it crashed with a TypeError)', () => {
    const at = scratch();
    const bucket = { ...BUCKET.resource.aws_s3_bucket.logs, '//': { metadata: { path: 7 } } };
    stack(at, JSON.stringify({ ...BUCKET, resource: { aws_s3_bucket: { logs: bucket } } }));
    const result = run('catalog', at.base, ['out']);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.status).toBe(0);
    const catalog = JSON.parse(fs.readFileSync(path.join(at.out, 'catalog/catalog.json'), 'utf8'));
    expect(JSON.stringify(catalog)).toContain('aws_s3_bucket.logs');
  });
});

describe('the bounds, exactly', () => {
  const sentence = (f: () => unknown): string => {
    try {
      f();
    } catch (error) {
      if (isGroundworkError(error)) return error.message;
      throw error;
    }
    throw new Error('no error');
  };
  const deep = (levels: number): unknown => JSON.parse(`${'['.repeat(levels)}${']'.repeat(levels)}`);

  test(`${MAX_JSON_DEPTH} levels are read, ${MAX_JSON_DEPTH + 1} are not`, () => {
    expect(tooDeep(deep(MAX_JSON_DEPTH))).toBeUndefined();
    expect(tooDeep(deep(MAX_JSON_DEPTH + 1))).toHaveLength(MAX_JSON_DEPTH);
    // Three levels (the object, the list, the object in it) above the deep value.
    expect(tooDeep({ a: [1, { b: deep(MAX_JSON_DEPTH - 3) }] })).toBeUndefined();
    expect(tooDeep({ a: [1, { b: deep(MAX_JSON_DEPTH - 2) }] })?.slice(0, 4)).toEqual(['a', 1, 'b', 0]);
  });

  test('maxBytes bytes are read, one more is not', () => {
    const file = path.join(tempDir(), 'ten.json');
    fs.writeFileSync(file, '[1,2,3,45]');
    expect(readBoundedFile(file, 'ten.json', { maxBytes: 10 })).toBe('[1,2,3,45]');
    expect(sentence(() => readBoundedFile(file, 'ten.json', { maxBytes: 9 }))).toBe('ten.json holds 10 bytes, more than the 9 bytes an input file may hold.');
  });

  test.each([
    ['{"a": secret}', 'invalid symbol at line 1, column 7'],
    ['{"secret": 1,}', 'property name expected at line 1, column 14'],
    ['{"secret" 1}', 'colon expected at line 1, column 11'],
    ['', 'value expected at line 1, column 1'],
    ['{"a": "secret\u0001"}', 'invalid character at line 1, column 7'], // the string it is in begins there
  ])('JSON syntax %j: the position, never the text', (text, where) => {
    const message = sentence(() => parseJson(text, 'f.json'));
    expect(message).toBe(`f.json is not valid JSON: ${where}.`);
  });
});
