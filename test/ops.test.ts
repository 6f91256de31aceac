import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { projectCopy, repo, synthProject } from './helpers/project';
import { cleanUp } from './helpers/synth';

/** `npm run ops` on a copy of stacks/, and the next synth of that copy. No cluster is involved. */
const cli = path.join(repo, 'dist/scripts/ops.js');
afterAll(cleanUp);

const ops = (root: string, ...args: string[]) => spawnSync('node', [cli, ...args, '--root', root], { encoding: 'utf8' });
const snapshot = (root: string) => Object.fromEntries(fs.readdirSync(path.join(root, 'stacks/services')).sort().map((f) => [f, fs.readFileSync(path.join(root, 'stacks/services', f), 'utf8')]));
const changedLines = (before: string, after: string) => {
  const a = before.split('\n');
  const b = after.split('\n');
  // One line replaced, or one line added: the rest is identical in order.
  if (a.length === b.length) return a.filter((line, i) => line !== b[i]).length;
  const longer = b.length > a.length ? b : a;
  const shorter = b.length > a.length ? a : b;
  const at = longer.findIndex((line, i) => line !== shorter[i]);
  return longer.length - shorter.length === 1 && longer.slice(at + 1).join('\n') === shorter.slice(at).join('\n') ? 1 : Infinity;
};
const hpaMinReplicas = (outdir: string, stack: string, service: string) => {
  const json = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8'));
  const hpas = Object.values(json.resource.kubernetes_horizontal_pod_autoscaler_v2 ?? {}) as any[];
  return hpas.find((h) => h.metadata.name === service).spec.min_replicas;
};

describe('scale in code: one line of one service file, and the next synth shows it', () => {
  let root: string;
  let before: Record<string, string>;
  let result: ReturnType<typeof ops>;
  let outdir: string;
  beforeAll(() => {
    root = projectCopy();
    before = snapshot(root);
    result = ops(root, 'scale', 'checkout', '--replicas', '4', '--env', 'production');
    outdir = synthProject(root);
  });

  test('prints the branch to push, changes exactly one line of stacks/services/checkout.ts', () => {
    expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
    expect(result.stdout).toContain('git switch -c ops/scale-checkout-production-4');
    const after = snapshot(root);
    const changed = Object.keys(after).filter((f) => after[f] !== before[f]);
    expect(changed).toEqual(['checkout.ts']);
    expect(changedLines(before['checkout.ts'], after['checkout.ts'])).toBe(1);
    expect(after['checkout.ts']).toContain('    replicasIn: { production: 4 },\n');
  });

  test('production runs 4 replicas at least, staging keeps 3', () => {
    expect(hpaMinReplicas(outdir, 'production-kubernetes', 'checkout')).toBe(4);
    expect(hpaMinReplicas(outdir, 'staging-kubernetes', 'checkout')).toBe(3);
  });

  test('scaling again edits the same line; every environment edits replicas', () => {
    const again = snapshot(root)['checkout.ts'];
    expect(ops(root, 'scale', 'checkout', '--replicas', '6', '--env', 'production').status).toBe(0);
    const after = snapshot(root)['checkout.ts'];
    expect(changedLines(again, after)).toBe(1);
    expect(after).toContain('    replicasIn: { production: 6 },\n');
    expect(ops(root, 'scale', 'checkout', '--replicas', '2').status).toBe(0);
    expect(changedLines(after, snapshot(root)['checkout.ts'])).toBe(1);
    expect(snapshot(root)['checkout.ts']).toContain('    replicas: 2,\n');
  });
});

describe('bad input: one sentence, nothing changed, exit 1', () => {
  const root = projectCopy();
  test.each([
    [['scale', 'nope', '--replicas', '2'], 'Service "nope" does not exist: no file in stacks/services declares it'],
    [['scale', 'checkout', '--replicas', '2', '--env', 'qa'], 'Environment "qa" does not exist (known: production, staging).'],
    [['scale', 'checkout', '--replicas', '0', '--env', 'production'], '--replicas "0" must be a whole number from 1 to 100'],
    [['scale', 'checkout', '--replicas', '101'], '--replicas "101" must be a whole number from 1 to 100'],
    [['scale', 'checkout', '--replicas', '99999999999999999999999'], 'must be a whole number from 1 to 100'],
    [['scale', 'checkout', '--replicas', '${jndi}'], '--replicas "${jndi}" must be a whole number from 1 to 100'],
    [['scale', 'help-center', '--replicas', '2'], 'Service "help-center" (static-site) cannot scale: its golden path offers no operations.'],
    [['scale', '../checkout', '--replicas', '2'], 'is not a service name'],
    [['rollback', 'checkout'], 'Service "checkout" has no previous version: the git history of stacks/services/checkout.ts shows only 2.14.1.'],
    [['check', 'restart', 'ledger-reconciliation', '--env', 'staging'], 'cannot restart: its golden path offers rollback.'],
    [['check', 'delete', 'checkout', '--env', 'staging'], 'Action "delete" is not one of restart, rollback, scale.'],
    [['check', 'scale', 'checkout', '--env', 'staging'], 'Scaling needs --replicas <count>.'],
  ])('%j', (args, expected) => {
    const before = snapshot(root);
    const result = ops(root, ...args);
    expect({ status: result.status, stdout: result.stdout }).toEqual({ status: 1, stdout: '' });
    expect(result.stderr).toContain(expected);
    expect(result.stderr.trim().split('\n')).toHaveLength(2); // the sentence, then "Nothing was written."
    expect(result.stderr).not.toContain('    at ');
    expect(snapshot(root)).toEqual(before);
  });

  test('a service not running in the environment', () => {
    // notifications.ts declares environments: ['staging'].
    const result = ops(root, 'check', 'restart', 'notifications', '--env', 'production');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Service "notifications" does not run in production (it runs in staging).');
  });
});

test('check prints what the workflow acts on', () => {
  const result = ops(projectCopy(), 'check', 'scale', 'checkout', '--env', 'production', '--replicas', '5');
  expect(result.status).toBe(0);
  expect(result.stdout).toBe('operation=scale\nservice=checkout\nenvironment=production\nnamespace=checkout\nworkload=deployment/checkout\nreplicas=5\nregion=eu-west-1\ncluster=acme-production\n');
});

test('rollback in code: the version before the current one, from the file\'s git history', () => {
  const root = projectCopy();
  const git = (...args: string[]) => spawnSync('git', ['-C', root, ...args], { encoding: 'utf8' });
  git('init', '-q');
  git('-c', 'user.email=t@example.com', '-c', 'user.name=t', 'add', 'stacks');
  const file = path.join(root, 'stacks/services/checkout.ts');
  const commit = (message: string) => git('-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-qam', message);
  commit('first');
  fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace("version: '2.14.1'", "version: '2.15.0'"));
  commit('release 2.15.0');
  const before = fs.readFileSync(file, 'utf8');
  const result = ops(root, 'rollback', 'checkout');
  expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
  expect(result.stdout).toContain('checkout: version 2.14.1 (was 2.15.0)');
  expect(result.stdout).toContain('git switch -c ops/rollback-checkout-2.14.1');
  const after = fs.readFileSync(file, 'utf8');
  expect(changedLines(before, after)).toBe(1);
  expect(after).toContain("    version: '2.14.1',\n");
});
