/**
 * The hostile corpus of `npm run ops` (issue 24, item 7): ops writes only what synthesizes. Each
 * refusal is its one sentence, exit 1, and the project copy byte-for-byte as it was (no temporary
 * file left either); an edit that is accepted is one the next synth takes.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { edit, projectCopy, repo, synthProject } from '../helpers/project';
import { cleanUp, readTree, tempDir } from '../helpers/synth';

afterAll(cleanUp);

const cli = path.join(repo, 'dist/scripts/ops.js');
const storefront = (root: string) => path.join(root, 'stacks/services/storefront-web.ts');

/** ops on a project copy, with a temporary folder of its own so that nothing it leaves there goes unseen. */
function ops(root: string, ...args: string[]) {
  const tmp = tempDir('groundwork-ops-tmp-');
  const result = spawnSync('node', [cli, ...args, '--root', root], { encoding: 'utf8', env: { ...process.env, TMPDIR: tmp } });
  return { ...result, leftInTmp: fs.readdirSync(tmp) };
}

/** Runs ops, expecting a refusal: returns its sentence after checking that nothing changed. */
function refusal(root: string, ...args: string[]): string {
  const before = readTree(root + '/stacks');
  const result = ops(root, ...args);
  expect({ status: result.status, stdout: result.stdout, leftInTmp: result.leftInTmp }).toEqual({ status: 1, stdout: '', leftInTmp: [] });
  expect(readTree(root + '/stacks')).toEqual(before);
  const lines = result.stderr.trim().split('\n');
  expect(lines).toHaveLength(2);
  expect(lines[1]).toBe('Nothing was written.');
  return lines[0];
}

/** A project copy whose storefront-web has `maxReplicas: 3 * 3`, an expression and not a literal. */
function withExpressionMax(): string {
  const root = projectCopy();
  edit(storefront(root), 'maxReplicas: 20,', 'maxReplicas: 3 * 3,');
  return root;
}

const hpa = (outdir: string, stack: string, service: string) => {
  const json = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8'));
  const found = Object.values(json.resource.kubernetes_horizontal_pod_autoscaler_v2 ?? {}) as any[];
  const spec = found.find((h) => h.metadata.name === service).spec;
  return { min: spec.min_replicas, max: spec.max_replicas };
};

describe('an edit that synth would refuse is refused, and the file stays byte-for-byte', () => {
  test('maxReplicas: 3 * 3, then --replicas 20 in every environment', () => {
    expect(refusal(withExpressionMax(), 'scale', 'storefront-web', '--replicas', '20')).toBe(
      'Service "storefront-web" would not synthesize with replicas: 20 in stacks/services/storefront-web.ts (production-kubernetes/storefront-web: maxReplicas is 9, but must be a whole number from 20 to 1000), so the file is unchanged.',
    );
  });

  test('maxReplicas: 3 * 3, then --replicas 10 in one environment', () => {
    expect(refusal(withExpressionMax(), 'scale', 'storefront-web', '--replicas', '10', '--env', 'staging')).toBe(
      'Service "storefront-web" would not synthesize with replicasIn staging: 10 in stacks/services/storefront-web.ts (staging-kubernetes/storefront-web: maxReplicas is 9, but must be a whole number from 10 to 1000), so the file is unchanged.',
    );
  });

  test('a file that did not synthesize before: a literal maxReplicas above the golden path limit', () => {
    const root = projectCopy();
    edit(storefront(root), 'maxReplicas: 20,', 'maxReplicas: 2 ** 53,');
    expect(refusal(root, 'scale', 'storefront-web', '--replicas', '4')).toBe(
      'Service "storefront-web" would not synthesize with replicas: 4 in stacks/services/storefront-web.ts (Service "storefront-web" (http-service): prop maxReplicas is 9007199254740992, which must be a whole number from 1 to 1000), so the file is unchanged.',
    );
  });

  test('a literal of 1e309 (Infinity) already in the file is named as written, not as null', () => {
    const root = projectCopy();
    edit(storefront(root), 'replicas: 3,', 'replicas: 1e309,');
    expect(refusal(root, 'scale', 'storefront-web', '--replicas', '4', '--env', 'production')).toBe(
      'Service "storefront-web" would not synthesize with replicasIn production: 4 in stacks/services/storefront-web.ts (Service "storefront-web" (http-service): prop replicas is Infinity, which must be a whole number from 1 to 100), so the file is unchanged.',
    );
  });
});

describe('replicas from the command line: out of range, negative, huge', () => {
  const root = projectCopy();
  test.each([
    ['21', '--replicas 21 is above the service\'s maxReplicas (20 in stacks/services/storefront-web.ts); raise maxReplicas first.'],
    ['-1', '--replicas "-1" must be a whole number from 1 to 100 (the http-service golden path\'s limit).'],
    ['1e309', '--replicas "1e309" must be a whole number from 1 to 100 (the http-service golden path\'s limit).'],
    ['2**53', '--replicas "2**53" must be a whole number from 1 to 100 (the http-service golden path\'s limit).'],
    ['9007199254740993', '--replicas "9007199254740993" must be a whole number from 1 to 100 (the http-service golden path\'s limit).'],
    ['0x10', '--replicas "0x10" must be a whole number from 1 to 100 (the http-service golden path\'s limit).'],
    ['3 * 3', '--replicas "3 * 3" must be a whole number from 1 to 100 (the http-service golden path\'s limit).'],
  ])('--replicas %s', (replicas, sentence) => {
    expect(refusal(root, 'scale', 'storefront-web', '--replicas', replicas)).toBe(sentence);
    expect(refusal(root, 'scale', 'storefront-web', '--replicas', replicas, '--env', 'production')).toBe(sentence);
  });
});

describe('a value ops would replace, or a props object it cannot be sure of, is not edited', () => {
  test.each([
    ['replicas: 3,', 'replicas: 1 + 2,', [], 'stacks/services/storefront-web.ts: prop replicas of storefront-web is 1 + 2, not a literal value ops can read or edit; edit it by hand.'],
    ['replicas: 3,', 'replicas: Number(process.env.N),', [], 'stacks/services/storefront-web.ts: prop replicas of storefront-web is Number(process.env.N), not a literal value ops can read or edit; edit it by hand.'],
    ['replicas: 3,', "replicas: 3,\n    replicasIn: { ['production']: 2 },", ['--env', 'production'], "stacks/services/storefront-web.ts: prop replicasIn of storefront-web is { ['production']: 2 }, not a literal value ops can read or edit; edit it by hand."],
    ['replicas: 3,', 'replicas: 3,\n    replicasIn: [4],', ['--env', 'production'], 'stacks/services/storefront-web.ts: prop replicasIn of storefront-web is not a literal map ops can edit; edit it by hand.'],
    ['replicas: 3,', 'replicas: 3,\n    replicas: 4,', [], 'stacks/services/storefront-web.ts: prop replicas of storefront-web is written 2 times; keep one and run ops again.'],
    ['replicas: 3,', "replicas: 3,\n    ...{ replicas: 4 },", [], 'stacks/services/storefront-web.ts: the props of storefront-web use a spread (...), so ops cannot tell where each prop is set; edit it by hand.'],
  ])('%s -> %j', (from, to, args, sentence) => {
    const root = projectCopy();
    edit(storefront(root), from, to as string);
    expect(refusal(root, 'scale', 'storefront-web', '--replicas', '4', ...(args as string[]))).toBe(sentence);
  });
});

describe('an edit that synthesizes is written, and the next synth takes it', () => {
  let root: string;
  let result: ReturnType<typeof ops>;
  let before: string;
  beforeAll(() => {
    root = withExpressionMax();
    before = fs.readFileSync(storefront(root), 'utf8');
    result = ops(root, 'scale', 'storefront-web', '--replicas', '5');
  });

  test('exactly the value\'s text is replaced; nothing else in the file, nothing left behind', () => {
    expect({ status: result.status, stderr: result.stderr, leftInTmp: result.leftInTmp }).toEqual({ status: 0, stderr: '', leftInTmp: [] });
    expect(fs.readFileSync(storefront(root), 'utf8')).toBe(before.replace('    replicas: 3,\n', '    replicas: 5,\n'));
  });

  test('the next synth runs 5 to 9 replicas', () => {
    const outdir = synthProject(root);
    expect(hpa(outdir, 'production-kubernetes', 'storefront-web')).toEqual({ min: 5, max: 9 });
    expect(hpa(outdir, 'staging-kubernetes', 'storefront-web')).toEqual({ min: 5, max: 9 });
  });
});

test('a prop ops adds goes on a line of its own, past a comment and where the last prop has no comma', () => {
  const root = projectCopy();
  const file = path.join(root, 'stacks/services/checkout.ts');
  edit(file, '    replicas: 3,\n', '    replicas: 3, // at least three: tier 1\n');
  edit(file, '    queue: true,\n  });', '    queue: true\n  });');
  expect(ops(root, 'scale', 'checkout', '--replicas', '4', '--env', 'production').status).toBe(0);
  const scaled = fs.readFileSync(file, 'utf8');
  expect(scaled).toContain('    replicas: 3, // at least three: tier 1\n    replicasIn: { production: 4 },\n    cpu:');
  const sibling = projectCopy();
  const plain = path.join(sibling, 'stacks/services/ledger.ts');
  fs.writeFileSync(plain, fs.readFileSync(plain, 'utf8').replace(/\n\s*replicas: \d+,/, '').replace(/,(\n\s*\}\);)/, '$1'));
  const added = ops(sibling, 'scale', 'ledger', '--replicas', '4');
  expect({ status: added.status, stderr: added.stderr }).toEqual({ status: 0, stderr: '' });
  expect(fs.readFileSync(plain, 'utf8')).toMatch(/,\n {4}replicas: 4\n {2}\}\);/);
  const outdir = synthProject(sibling);
  expect(hpa(outdir, 'production-kubernetes', 'ledger').min).toBe(4);
});

test('a file with Windows line ends keeps them in the line ops adds', () => {
  const root = projectCopy();
  const file = path.join(root, 'stacks/services/checkout.ts');
  fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/\n/g, '\r\n'));
  const result = ops(root, 'scale', 'checkout', '--replicas', '4', '--env', 'production');
  expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
  const scaled = fs.readFileSync(file, 'utf8');
  expect(scaled).toContain('    replicas: 3,\r\n    replicasIn: { production: 4 },\r\n    cpu:');
  expect(scaled.replace(/\r\n/g, '')).not.toContain('\n');
});

test('a file that does not parse is refused with the parser\'s sentence', () => {
  const root = projectCopy();
  fs.appendFileSync(storefront(root), '\nconst broken = ;\n');
  expect(refusal(root, 'scale', 'storefront-web', '--replicas', '4')).toBe(
    'Service "storefront-web" would not synthesize with replicas: 4 in stacks/services/storefront-web.ts (it does not parse: Expression expected), so the file is unchanged.',
  );
});
