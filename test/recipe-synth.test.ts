/**
 * synth/recipe-synth.ts and the fast path's own synthesis (synth/cdktf-fast-synth.ts, changes 4 to 8):
 * an app given as a recipe is synthesized byte-identically to cdktf's own path
 * (GROUNDWORK_CDKTF_FAST_SYNTH=0); where the fast path cannot promise that (an undeclared
 * cross-stack reference, an error) it starts over in cdktf's order and says why; errors reach the
 * user exactly as cdktf gives them. Runs the compiled code in fresh processes.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { cleanUp, readTree, tempDir } from './helpers/synth';

afterAll(cleanUp);

const repo = path.join(__dirname, '..');
const dep = (name: string) => JSON.stringify(require.resolve(name, { paths: [repo] }));

/** Small apps as a user's module would export them. */
const FIXTURE = `
const { TerraformStack, TerraformOutput, Annotations, Aspects } = require(${dep('cdktf')});
const { AwsProvider } = require(${dep('@cdktf/provider-aws/lib/provider')});
const { SqsQueue } = require(${dep('@cdktf/provider-aws/lib/sqs-queue')});
function stack(app, name, queues) {
  const s = new TerraformStack(app, name);
  new AwsProvider(s, 'aws', { region: 'eu-west-1' });
  return { stack: s, queues: Array.from({ length: queues }, (_, i) => new SqsQueue(s, 'queue-' + i, { name: name + '-' + i })) };
}
exports.declared = (app, extra) => {
  const a = stack(app, 'a', 4), b = stack(app, 'b', 3);
  stack(app, 'c', 2 + extra);
  b.stack.addDependency(a.stack);
  new TerraformOutput(b.stack, 'from-a', { value: a.queues[0].arn });
};
exports.undeclared = (app) => {
  const a = stack(app, 'a', 4), b = stack(app, 'b', 3);
  stack(app, 'c', 2);
  new TerraformOutput(b.stack, 'from-a', { value: a.queues[0].arn });
};
// An Aspect that stamps a tag on queues; marked, it may run before prepare (model/aspect-timing.ts).
class Tagger {
  constructor(marked, fail) { if (marked) this[Symbol.for('groundwork.aspect.runs-before-prepare')] = true; this.fail = fail; }
  visit(node) {
    if (node.terraformResourceType !== 'aws_sqs_queue') return;
    if (this.fail) throw new Error('the tagger refuses ' + node.node.path);
    node.tags = { stamped: 'yes' };
  }
}
exports.aspects = (app, marked, fail) => {
  const a = stack(app, 'a', 4), b = stack(app, 'b', 3), c = stack(app, 'c', 2);
  b.stack.addDependency(a.stack);
  new TerraformOutput(b.stack, 'from-a', { value: a.queues[0].arn });
  for (const s of [a, b]) Aspects.of(s.stack).add(new Tagger(marked, false));
  Aspects.of(c.stack).add(new Tagger(marked, fail));
};
// Stack-level overrides holding tokens (change 7 resolves such a stack as cdktf does), beside plain ones.
exports.overrides = (app) => {
  const a = stack(app, 'a', 2), b = stack(app, 'b', 1);
  a.stack.addOverride('locals.first_queue', a.queues[0].arn);
  a.stack.addOverride('locals.names', [a.queues[1].name, 'plain']);
  b.stack.addOverride('locals.plain', { n: 1, s: 'text', gone: undefined });
  // Resolving drops undefined from a list (JSON would write null): this stack takes cdktf's path.
  stack(app, 'c', 1).stack.addOverride('locals.sparse', ['x', undefined, 'y']);
  Aspects.of(a.stack).add(new Tagger(true, false));
};
// Stacks cdktf writes in layouts of its own: empty lists and maps at several depths; stacks
// json-stable-stringify writes specially (a NUL in a string, integer-like keys out of order); a synthesizer of the user's own.
exports.layouts = (app) => {
  const a = stack(app, 'a', 2);
  a.stack.addOverride('locals.empty_list', []);
  a.stack.addOverride('locals.nested', { inner: { lists: [[], {}, { deeper: [] }] }, map: {} });
  a.queues[0].addOverride('tags', {});
  // A validation of the user's that reads the stack as cdktf will write it (before the stack is written).
  a.stack.node.addValidation({ validate: () => (Object.keys(a.stack.toTerraform().resource.aws_sqs_queue).length === 2 ? [] : ['stack a lost its queues']) });
  stack(app, 'b', 1).stack.addOverride('locals.nul', 'a\u0000b');
  stack(app, 'c', 1).stack.addOverride('locals.ports', { '9': 'x', '10': 'y', z: [] });
  const d = stack(app, 'd', 1);
  const { StackSynthesizer } = require(${dep('cdktf/lib/synthesize/synthesizer')});
  class Custom extends StackSynthesizer {}
  d.stack.synthesizer = new Custom(d.stack);
};
exports.expression = (app) => {
  stack(app, 'a', 4);
  new SqsQueue(stack(app, 'c', 1).stack, 'hostile', { name: '\${file("/etc/passwd")}' });
};
exports.failing = (app) => {
  stack(app, 'a', 4);
  const c = stack(app, 'c', 1);
  Annotations.of(c.queues[0]).addError('queue c-0 is refused');
};
`;

function fixture(): string {
  const file = path.join(tempDir(), 'apps.js');
  fs.writeFileSync(file, FIXTURE);
  return file;
}

/** Runs synthesizeAtomically from the compiled code in a fresh process: done (and why it ran twice, where it did) or the error message. */
function run(module: string, exportName: string, args: unknown[], outdir: string, env: Record<string, string> = {}, before = '') {
  const script = `${before}
    require(${JSON.stringify(path.join(repo, 'dist/synth/cdktf-seam.js'))}).fastPath();
    const { synthesizeAtomically } = require(${JSON.stringify(path.join(repo, 'dist/synth/synthesize.js'))});
    try {
      const { cdktfOrder } = synthesizeAtomically({ module: ${JSON.stringify(module)}, exportName: ${JSON.stringify(exportName)}, args: ${JSON.stringify(args)} }, ${JSON.stringify(outdir)});
      console.log(JSON.stringify({ done: true, ...(cdktfOrder ? { cdktfOrder } : {}) }));
    } catch (error) { console.log(JSON.stringify({ error: error.message })); }`;
  const result = spawnSync('node', ['-e', script], { encoding: 'utf8', env: { ...process.env, ...env } });
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout.trim().split('\n').at(-1)!);
}

test('stacks joined by a declared dependency: synthesized once, byte for byte what cdktf writes', () => {
  const apps = fixture();
  const fast = path.join(tempDir(), 'out');
  const slow = path.join(tempDir(), 'out');
  expect(run(apps, 'declared', [1], fast)).toEqual({ done: true });
  expect(run(apps, 'declared', [1], slow, { GROUNDWORK_CDKTF_FAST_SYNTH: '0' })).toEqual({ done: true });
  const tree = readTree(fast);
  expect(Object.keys(tree).sort()).toEqual(['.groundwork-output', 'manifest.json', 'stacks/a/cdk.tf.json', 'stacks/b/cdk.tf.json', 'stacks/c/cdk.tf.json']);
  expect(JSON.parse(tree['manifest.json']).stacks.b.dependencies).toEqual(['a']);
  expect(tree).toEqual(readTree(slow));
});

test('a cross-stack reference without a declared dependency starts over in cdktf\'s order, and says so', () => {
  const apps = fixture();
  const out = path.join(tempDir(), 'out');
  const reference = path.join(tempDir(), 'out');
  const undeclared = 'a cross-stack reference (b → a) joins stacks with no declared dependency: declare it with addDependency';
  // Component by component first, finds the reference, and starts over in cdktf's order, saying why.
  expect(run(apps, 'undeclared', [], out)).toEqual({ done: true, cdktfOrder: undeclared });
  run(apps, 'undeclared', [], reference, { GROUNDWORK_CDKTF_FAST_SYNTH: '0' });
  expect(readTree(out)).toEqual(readTree(reference));
  expect(JSON.parse(readTree(out)['stacks/b/cdk.tf.json']).data.terraform_remote_state).toBeDefined();
});

test("an error annotation reaches the user as cdktf gives it, and nothing is written", () => {
  const apps = fixture();
  const out = path.join(tempDir(), 'out');
  const fast = run(apps, 'failing', [], out);
  expect(fast.error).toContain('queue c-0 is refused');
  expect(fast).toEqual(run(apps, 'failing', [], out, { GROUNDWORK_CDKTF_FAST_SYNTH: '0' }));
  expect(fs.existsSync(out)).toBe(false);
  expect(fs.readdirSync(path.dirname(out))).toEqual([]);
});

test('an expression the platform did not write stops synth, on either path', () => {
  const apps = fixture();
  const out = path.join(tempDir(), 'out');
  const fast = run(apps, 'expression', [], out);
  expect(fast.error).toContain('c resource.aws_sqs_queue.hostile.name: holds the expression ${file("/etc/passwd")}');
  expect(run(apps, 'expression', [], out, { GROUNDWORK_CDKTF_FAST_SYNTH: '0' })).toEqual(fast);
  expect(fs.existsSync(out)).toBe(false);
});

test('the tokens of a synthesized recipe are released: the construct tree does not outlive synth', () => {
  const apps = fixture();
  const script = `
    require(${JSON.stringify(path.join(repo, 'dist/synth/cdktf-seam.js'))}).fastPath();
    const { synthesizeAtomically } = require(${JSON.stringify(path.join(repo, 'dist/synth/synthesize.js'))});
    const { Token } = require(${dep('cdktf')});
    const kept = Token.asString({ resolve: () => 'kept' });
    const tokens = () => global.__cdktfTokenMap.stringTokenMap.size + global.__cdktfTokenMap.numberTokenMap.size;
    const before = tokens();
    synthesizeAtomically({ module: ${JSON.stringify(apps)}, exportName: 'declared', args: [1] }, ${JSON.stringify(path.join(tempDir(), 'out'))});
    console.log(JSON.stringify({ before, after: tokens(), kept: global.__cdktfTokenMap.lookupString(kept) !== undefined }));`;
  const result = spawnSync('node', ['-e', script], { encoding: 'utf8' });
  expect(result.stderr).toBe('');
  expect(JSON.parse(result.stdout)).toEqual({ before: 1, after: 1, kept: true });
});

describe('Aspects marked to run before prepare, and the rest (cdktf-fast-synth.ts, change 6)', () => {
  test.each([
    ['marked: run first, prepared elements reused', true],
    ['unmarked: cdktf order, elements resolved again', false],
  ])('%s: byte-identical to cdktf own path, tags stamped', (_, marked) => {
    const apps = fixture();
    const fast = path.join(tempDir(), 'out');
    const slow = path.join(tempDir(), 'out');
    expect(run(apps, 'aspects', [marked, false], fast)).toEqual({ done: true });
    expect(run(apps, 'aspects', [marked, false], slow, { GROUNDWORK_CDKTF_FAST_SYNTH: '0' })).toEqual({ done: true });
    const tree = readTree(fast);
    expect(tree).toEqual(readTree(slow));
    expect(JSON.parse(tree['stacks/c/cdk.tf.json']).resource.aws_sqs_queue['queue-0'].tags).toEqual({ stamped: 'yes' });
  });

  test('an Aspect that throws stops synth with the error cdktf gives', () => {
    const apps = fixture();
    const out = path.join(tempDir(), 'out');
    const expected = run(apps, 'aspects', [true, true], out, { GROUNDWORK_CDKTF_FAST_SYNTH: '0' });
    expect(expected.error).toBe('the tagger refuses c/queue-0');
    expect(run(apps, 'aspects', [true, true], out)).toEqual(expected);
    expect(fs.existsSync(out)).toBe(false);
  });
});

test("a Kubernetes object outside any Workload fails the label check with the same message on the fast path and cdktf's own", () => {
  // The check reads what preparing resolved (model/resolved-configuration.ts) where the fast path keeps it; had it
  // missed the problem there, the fast path would have written the output instead of starting over in cdktf's order.
  const file = path.join(tempDir(), 'rogue.js');
  fs.writeFileSync(
    file,
    `const { buildPlatformOrganisation } = require(${JSON.stringify(path.join(repo, 'dist/bench/generated-organisation.js'))});
     const { DeploymentV1 } = require(${dep('@cdktf/provider-kubernetes/lib/deployment-v1')});
     exports.rogue = (app) => {
       buildPlatformOrganisation(app, 2);
       const stack = app.node.children.find((c) => c.node.id === 'staging-kubernetes');
       new DeploymentV1(stack, 'rogue', { metadata: { name: 'rogue', labels: { owner: 'team-0' } }, spec: { selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: { container: [{ name: 'c', image: 'i:1' }] } } } });
     };`,
  );
  const out = path.join(tempDir(), 'out');
  const expected = run(file, 'rogue', [], out, { GROUNDWORK_CDKTF_FAST_SYNTH: '0' });
  expect(expected.error).toContain('[staging-kubernetes/rogue] Kubernetes kubernetes_deployment_v1 lacks the labels app.kubernetes.io/name, app.kubernetes.io/part-of, app.kubernetes.io/managed-by, service, environment, cost-center, data-classification in metadata; create it inside a Groundwork Workload');
  expect(expected.error).toContain('lacks the labels app.kubernetes.io/name, app.kubernetes.io/part-of, app.kubernetes.io/managed-by, owner, service, environment, cost-center, data-classification in spec.template.metadata');
  expect(run(file, 'rogue', [], out)).toEqual(expected);
  expect(fs.existsSync(out)).toBe(false);
});

test('stack overrides that hold tokens are resolved as cdktf resolves them (change 7 merges without resolving only token-free stacks)', () => {
  const apps = fixture();
  const fast = path.join(tempDir(), 'out');
  const slow = path.join(tempDir(), 'out');
  run(apps, 'overrides', [], fast);
  run(apps, 'overrides', [], slow, { GROUNDWORK_CDKTF_FAST_SYNTH: '0' });
  const tree = readTree(fast);
  expect(tree).toEqual(readTree(slow));
  expect(JSON.parse(tree['stacks/a/cdk.tf.json']).locals).toEqual({ first_queue: '${aws_sqs_queue.queue-0.arn}', names: ['${aws_sqs_queue.queue-1.name}', 'plain'] });
  expect(JSON.parse(tree['stacks/b/cdk.tf.json']).locals).toEqual({ plain: { n: 1, s: 'text' } });
  expect(JSON.parse(tree['stacks/c/cdk.tf.json']).locals).toEqual({ sparse: ['x', 'y'] });
});

test('stacks are written as cdktf writes them: empty lists and maps, a NUL, integer-like keys, a synthesizer of its own, a validation reading the stack', () => {
  const apps = fixture();
  const fast = path.join(tempDir(), 'out');
  const slow = path.join(tempDir(), 'out');
  expect(run(apps, 'layouts', [], fast)).toEqual({ done: true });
  expect(run(apps, 'layouts', [], slow, { GROUNDWORK_CDKTF_FAST_SYNTH: '0' })).toEqual({ done: true });
  const tree = readTree(fast);
  expect(tree).toEqual(readTree(slow));
  expect(tree['stacks/a/cdk.tf.json']).toContain('"empty_list": [\n    ]');
  expect(JSON.parse(tree['stacks/a/cdk.tf.json']).locals.nested).toEqual({ inner: { lists: [[], {}, { deeper: [] }] }, map: {} });
  expect(JSON.parse(tree['stacks/b/cdk.tf.json']).locals.nul).toBe('a\u0000b');
  expect(Object.keys(tree).filter((file) => file.endsWith('cdk.tf.json')).sort()).toEqual(['a', 'b', 'c', 'd'].map((s) => `stacks/${s}/cdk.tf.json`));
});

test.each(['true', '1'])('HCL output (cdktf synth --hcl, SYNTH_HCL_OUTPUT=%s) is refused in one sentence before anything is built, nothing written', (value) => {
  const out = path.join(tempDir(), 'out');
  expect(run(fixture(), 'declared', [0], out, { SYNTH_HCL_OUTPUT: value })).toEqual({
    error: `SYNTH_HCL_OUTPUT is "${value}" (cdktf synth --hcl): Groundwork checks and analyses the JSON stacks cdktf writes by default, so synthesize without --hcl.`,
  });
  expect(fs.existsSync(out)).toBe(false);
});
