import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { deflateRawSync } from 'zlib';
import { decodePlanRecord, encodePlanRecord, planRecord } from '../catalog/pr-report/plan-digest';
import { planDifferences } from '../catalog/pr-report/plan-record-check';
import { PLAN_RECORD_PREFIX } from '../catalog/pr-report/markdown';
import { edit, projectCopy, repo, synthProject } from './helpers/project';
import { cleanUp, tempDir } from './helpers/synth';
import { mirror, withTerraform } from './helpers/terraform';

afterAll(cleanUp);

/** A plan as terraform show -json writes it: a database, an ingress rule, an IAM policy, an output. */
function plan(change: (p: any) => void = () => {}): any {
  const p: any = {
    resource_changes: [
      {
        address: 'aws_db_instance.checkout',
        mode: 'managed',
        type: 'aws_db_instance',
        change: {
          actions: ['create'],
          after: { instance_class: 'db.t4g.medium', engine: 'postgres', password: 's3cret-value', tags: { service: 'checkout' }, backup_window: null, vpc_security_group_ids: [null, 'sg-2'] },
          after_unknown: { id: true, arn: true, address: true, tags: {}, vpc_security_group_ids: [true, false] },
          after_sensitive: { password: true, tags: {} },
        },
      },
      {
        address: 'aws_vpc_security_group_ingress_rule.ssh',
        mode: 'managed',
        type: 'aws_vpc_security_group_ingress_rule',
        change: { actions: ['create'], after: { cidr_ipv4: '10.0.0.0/16', from_port: 22, to_port: 22 }, after_unknown: { id: true, security_group_id: true }, after_sensitive: {} },
      },
      {
        address: 'aws_iam_policy.deploy',
        mode: 'managed',
        type: 'aws_iam_policy',
        change: { actions: ['update'], after: { policy: JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] }) }, after_unknown: {}, after_sensitive: {} },
      },
    ],
    output_changes: { db_address: { actions: ['create'], after_unknown: true, after_sensitive: false } },
  };
  change(p);
  return p;
}
const rc = (p: any, address: string) => p.resource_changes.find((r: any) => r.address === address).change;

const planned = { status: 'planned' } as const;
const reviewed = decodePlanRecord(encodePlanRecord(planRecord([{ stack: 'staging-aws', status: 'planned' }, { stack: 'github', status: 'not-planned' }], () => plan())));
const check = (now: any, statuses: Record<string, any> = { 'staging-aws': planned }, record = reviewed, stacks = ['staging-aws', 'github']) => planDifferences(record, statuses, stacks, () => now);

describe('the reviewed plan, value for value', () => {
  test('the same plan passes; the record holds hashes, never a value', () => {
    expect(check(plan())).toEqual([]);
    const text = JSON.stringify(reviewed);
    for (const value of ['db.t4g.medium', '10.0.0.0/16', 's3:GetObject', 's3cret-value']) expect(text).not.toContain(value);
    expect(reviewed.stacks['staging-aws']).toMatchObject({ status: 'planned', digest: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  test.each([
    ['a database size', (p: any) => (rc(p, 'aws_db_instance.checkout').after.instance_class = 'db.t4g.large'), 'staging-aws: aws_db_instance.checkout: instance_class differs from the reviewed plan (now "db.t4g.large")'],
    ['a CIDR', (p: any) => (rc(p, 'aws_vpc_security_group_ingress_rule.ssh').after.cidr_ipv4 = '0.0.0.0/0'), 'staging-aws: aws_vpc_security_group_ingress_rule.ssh: cidr_ipv4 differs from the reviewed plan (now "0.0.0.0/0")'],
    ['a port range', (p: any) => (rc(p, 'aws_vpc_security_group_ingress_rule.ssh').after.to_port = 65535), 'staging-aws: aws_vpc_security_group_ingress_rule.ssh: to_port differs from the reviewed plan (now 65535)'],
    ['an IAM action', (p: any) => (rc(p, 'aws_iam_policy.deploy').after.policy = JSON.stringify({ Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] })), 'staging-aws: aws_iam_policy.deploy: policy differs from the reviewed plan (now "{\\"Statement\\":[{\\"Effect\\":\\"Allow\\",\\"Action\\":\\"*\\",\\"Resource\\":\\"*\\"}]}")'],
    ['a nested value', (p: any) => (rc(p, 'aws_db_instance.checkout').after.tags.service = 'other'), 'staging-aws: aws_db_instance.checkout: tags differs from the reviewed plan (now {"service":"other"})'],
    ['a value set that was unset', (p: any) => (rc(p, 'aws_db_instance.checkout').after.backup_window = '03:00-04:00'), 'staging-aws: aws_db_instance.checkout: backup_window differs from the reviewed plan (unset when reviewed, now "03:00-04:00")'],
    ['a sensitive value, never printed', (p: any) => (rc(p, 'aws_db_instance.checkout').after.password = 'other-secret'), 'staging-aws: aws_db_instance.checkout: password differs from the reviewed plan (sensitive)'],
    ['an action', (p: any) => (rc(p, 'aws_db_instance.checkout').actions = ['delete', 'create']), 'staging-aws: aws_db_instance.checkout is planned as delete+create now, reviewed as create'],
    ['a resource added', (p: any) => p.resource_changes.push({ address: 'aws_iam_policy.admin', change: { actions: ['create'], after: {} } }), 'staging-aws: aws_iam_policy.admin is in the plan now (create) but not in the reviewed plan'],
    ['a resource gone', (p: any) => p.resource_changes.splice(1, 1), 'staging-aws: aws_vpc_security_group_ingress_rule.ssh was in the reviewed plan (create) but is not in the plan now'],
    ['a value known at review, unknown now', (p: any) => {
        const rule = rc(p, 'aws_vpc_security_group_ingress_rule.ssh');
        delete rule.after.cidr_ipv4;
        rule.after_unknown.cidr_ipv4 = true;
      }, 'staging-aws: aws_vpc_security_group_ingress_rule.ssh: cidr_ipv4 differs from the reviewed plan (now known only after apply)'],
  ])('%s: refused naming the stack, resource and attribute', (_what, change, expected) => {
    const differences = check(plan(change));
    expect(differences[0]).toBe(expected);
    expect(differences.join('\n')).not.toMatch(/s3cret-value|other-secret/);
  });

  test('values unknown at review may be known now (a stack planned again after the one it reads was applied)', () => {
    const now = plan((p) => {
      const db = rc(p, 'aws_db_instance.checkout');
      Object.assign(db.after, { id: 'db-123', arn: 'arn:aws:rds:us-east-1:111111111111:db:checkout', address: 'checkout.abc.rds.amazonaws.com', vpc_security_group_ids: ['sg-1', 'sg-2'] });
      db.after_unknown = {};
      p.output_changes.db_address = { actions: ['create'], after: 'checkout.abc.rds.amazonaws.com', after_unknown: false };
    });
    expect(check(now)).toEqual([]);
    // A list's known element stays as reviewed: only its unknown one may be filled in.
    const otherKnown = plan((p) => {
      const db = rc(p, 'aws_db_instance.checkout');
      db.after.vpc_security_group_ids = ['sg-1', 'sg-evil'];
      db.after_unknown = { id: true, arn: true, address: true };
    });
    expect(check(otherKnown)).toEqual(['staging-aws: aws_db_instance.checkout: vpc_security_group_ids differs from the reviewed plan (now ["sg-1","sg-evil"])']);
  });

  test('a missing, extra, newly planned, failed or tampered stack is refused naming the stack', () => {
    expect(check(plan(), { 'staging-aws': planned, 'production-aws': planned })).toEqual(['production-aws: no reviewed plan of this stack was recorded']);
    expect(check(plan(), { 'staging-aws': planned }, reviewed, ['staging-aws'])).toEqual(['github: the reviewed plan has this stack, the merged output does not']);
    expect(check(plan(), { github: planned })).toEqual(['github: planned now, but it was not planned for the review']);
    expect(check(plan(), { 'staging-aws': { status: 'failed', reason: 'terraform plan: Error: x' } })).toEqual(['staging-aws: the plan failed now (terraform plan: Error: x), but it was planned for the review']);
    const tampered = { ...reviewed, stacks: { ...reviewed.stacks, 'staging-aws': { ...(reviewed.stacks['staging-aws'] as any), digest: '0'.repeat(64) } } };
    expect(check(plan(), undefined, tampered)).toEqual([expect.stringMatching(/^staging-aws: the planned values differ from the reviewed plan \(digest [0-9a-f]{12}, reviewed 000000000000\)$/)]);
  });

  test.each([
    ['', 'none found'],
    ['{"staging-aws":"abc"}', '"{\\"staging-aws\\":\\"abc\\"}" is not a Groundwork plan record'],
    ['QUJD', 'the record does not decode'],
    [deflateRawSync(Buffer.from('{"version":2}')).toString('base64'), 'it is not a version 1 record with "stacks"'],
    [deflateRawSync(Buffer.from('{"version":1,"stacks":{"x":{"status":"planned","digest":"zz","resources":{}}}}')).toString('base64'), 'stack "x" has no digest and resources'],
    [deflateRawSync(Buffer.alloc(100 * 1024 * 1024, 32)).toString('base64'), 'the record does not decode'],
  ])('a record that is not one (%#): one sentence', (text, why) => {
    expect(() => decodePlanRecord(text)).toThrow(`No plan record was recorded on the merged pull request (${why}`);
  });
});

const node = (script: string, args: string[]) => spawnSync('node', [path.join(repo, 'dist/scripts', script), ...args], { encoding: 'utf8', env: { ...process.env, GROUNDWORK_TF_MIRROR: mirror ?? '' } });

withTerraform.describe('npm run plan-digest on real offline plans (needs terraform and the provider mirror)', () => {
  let base: string;
  let record: string;
  beforeAll(() => {
    base = synthProject(projectCopy());
    expect(node('plan.js', ['--offline', '--dir', base, 'staging-aws']).status).toBe(0);
    const out = tempDir();
    const report = node('pr-report.js', ['--base', base, '--head', base, '--plans', path.join(base, 'plans'), '--out', out]);
    expect(report.stderr).toBe('');
    const markdown = fs.readFileSync(path.join(out, 'pr-report.md'), 'utf8');
    record = markdown.slice(markdown.indexOf(PLAN_RECORD_PREFIX) + PLAN_RECORD_PREFIX.length, markdown.indexOf(' -->', markdown.indexOf(PLAN_RECORD_PREFIX)));
  });

  test('the reviewed plan passes; a bigger database after review is refused naming resource and attribute', () => {
    expect(node('plan-digest.js', ['--head', base, '--expect', record])).toMatchObject({ status: 0, stderr: '' });
    const root = projectCopy();
    edit(path.join(root, 'stacks/services/checkout.ts'), "database: { size: 'medium', storageGb: 100 }", "database: { size: 'large', storageGb: 100 }");
    const head = synthProject(root);
    expect(node('plan.js', ['--offline', '--dir', head, 'staging-aws']).status).toBe(0);
    const refused = node('plan-digest.js', ['--head', head, '--expect', record]);
    expect(refused.status).toBe(1);
    // The bigger instance class also changes its connection alarm: every difference is named, the first in one sentence.
    expect(refused.stderr.split('\n')[0]).toMatch(/^staging-aws: aws_\w+\.checkout_[\w-]+: \w+ differs from the reviewed plan \(now .+\) \(and \d+ more differences?\): nothing is deployed; re-run the pull request's checks and review again\.$/);
    expect(refused.stderr).toMatch(/\n {2}- staging-aws: aws_db_instance\.checkout_\w+: instance_class differs from the reviewed plan \(now "db\.[\w.]+"\)\n/);
    expect(refused.stderr).not.toContain('    at ');
    expect(node('plan-digest.js', ['--head', head, '--expect', ''])).toMatchObject({ status: 1, stderr: expect.stringContaining('No plan record was recorded on the merged pull request (none found)') });
  });
});

describe('a stack planned again after the upstream stack it reads was applied', () => {
  const REMOTE = 'cross-stack-reference-input-staging-aws';
  const reads = (output: string) => `data.terraform_remote_state.${REMOTE}.outputs.${output}`;
  const upstream = (outputs: Record<string, any>) => ({ resource_changes: [], output_changes: outputs, configuration: { root_module: {} } });
  /** The Kubernetes stack: a deployment whose env (in a nested block) reads the database address; replicas read nothing upstream. */
  function downstream(address: string, change: (p: any) => void = () => {}): any {
    const p: any = {
      resource_changes: [
        { address: 'kubernetes_deployment.checkout', mode: 'managed', type: 'kubernetes_deployment', name: 'checkout', change: { actions: ['no-op'], after: { spec: [{ env: [{ value: address }] }], replicas: 2, id: 'ns/checkout' }, after_unknown: {}, after_sensitive: {} } },
      ],
      configuration: {
        root_module: {
          resources: [
            { address: 'kubernetes_deployment.checkout', mode: 'managed', type: 'kubernetes_deployment', name: 'checkout', expressions: { spec: [{ env: [{ value: { references: [reads('db_address'), `data.terraform_remote_state.${REMOTE}.outputs`, `data.terraform_remote_state.${REMOTE}`] } }] }], replicas: { constant_value: 2 } } },
            { address: `data.terraform_remote_state.${REMOTE}`, mode: 'data', type: 'terraform_remote_state', name: REMOTE, expressions: { backend: { constant_value: 's3' }, config: { constant_value: { key: 'staging-aws' } } } },
          ],
        },
      },
      prior_state: { values: { root_module: { resources: [{ mode: 'data', type: 'terraform_remote_state', name: REMOTE, values: { outputs: { db_address: address, queue_url: 'https://sqs/q' } } }] } } },
    };
    change(p);
    return p;
  }
  const addressChanges = { db_address: { actions: ['update'], after: 'new.rds', after_unknown: false }, queue_url: { actions: ['no-op'], after: 'https://sqs/q', after_unknown: false } };
  const recordOf = (aws: any, k8s: any) => planRecord([{ stack: 'staging-aws', status: 'planned' }, { stack: 'staging-kubernetes', status: 'planned' }], (s) => (s === 'staging-aws' ? aws : k8s));
  /** The deploy's check of the Kubernetes stack, planned now after `applied`. */
  const deployCheck = (record: any, now: any, applied = ['staging-aws']) => planDifferences(decodePlanRecord(encodePlanRecord(record)), { 'staging-kubernetes': planned }, ['staging-aws', 'staging-kubernetes'], () => now, applied);
  const differs = ['staging-kubernetes: kubernetes_deployment.checkout is planned as update now, reviewed as no-op', 'staging-kubernetes: kubernetes_deployment.checkout: spec differs from the reviewed plan (now [{"env":[{"value":"new.rds"}]}])'];
  const updated = (p: any) => (p.resource_changes[0].change.actions = ['update']);

  test('the record names the outputs a plan changes or leaves unknown, and what a stack reads upstream, never a value', () => {
    const aws = upstream({ ...addressChanges, role_arn: { actions: ['no-op'], after: null, after_unknown: true }, gone: { actions: ['delete'], after: null, after_unknown: false } });
    const record = recordOf(aws, downstream('old.rds'));
    expect(record.stacks['staging-aws']).toMatchObject({ changingOutputs: ['db_address', 'gone', 'role_arn'] });
    expect(record.stacks['staging-kubernetes']).toMatchObject({
      changingOutputs: [],
      upstream: { attributes: { 'kubernetes_deployment.checkout': { spec: expect.stringMatching(/^[0-9a-f]{8}$/) } }, remoteStates: { [REMOTE]: expect.stringMatching(/^[0-9a-f]{8}$/) }, steadyOutputs: { [REMOTE]: expect.stringMatching(/^[0-9a-f]{64}$/) } },
    });
    expect(JSON.stringify(record)).not.toMatch(/old\.rds|new\.rds|sqs/);
    // A stack that reads nothing upstream carries no "upstream".
    expect(record.stacks['staging-aws']).not.toHaveProperty('upstream');
  });

  test('the new value of a changed upstream output is accepted (with the update it causes) only once that stack was applied in this run', () => {
    const record = recordOf(upstream(addressChanges), downstream('old.rds'));
    expect(deployCheck(record, downstream('old.rds'))).toEqual([]);
    expect(deployCheck(record, downstream('new.rds', updated))).toEqual([]);
    // A computed attribute turned unknown by that update holds no value: accepted too; a configured one is not.
    expect(deployCheck(record, downstream('new.rds', (p) => { updated(p); delete p.resource_changes[0].change.after.id; p.resource_changes[0].change.after_unknown.id = true; }))).toEqual([]);
    expect(deployCheck(record, downstream('new.rds', updated), [])).toEqual(differs);
  });

  test.each([
    ['the upstream output did not change at review', () => recordOf(upstream({ ...addressChanges, db_address: { actions: ['no-op'], after: 'old.rds', after_unknown: false } }), downstream('old.rds')), (p: any) => updated(p), differs],
    ['an attribute that reads nothing upstream changed too', () => recordOf(upstream(addressChanges), downstream('old.rds')), (p: any) => { updated(p); p.resource_changes[0].change.after.replicas = 50; }, ['staging-kubernetes: kubernetes_deployment.checkout: replicas differs from the reviewed plan (now 50)']],
    ['the expression is not the reviewed one', () => recordOf(upstream(addressChanges), downstream('old.rds')), (p: any) => { updated(p); p.configuration.root_module.resources[0].expressions.spec[0].env[0].value.constant_value = 'x'; }, differs],
    ['the remote state reads from elsewhere', () => recordOf(upstream(addressChanges), downstream('old.rds')), (p: any) => { updated(p); p.configuration.root_module.resources[1].expressions.config.constant_value.key = 'other'; }, differs],
    ['an output the upstream plan does not change reads differently', () => recordOf(upstream(addressChanges), downstream('old.rds')), (p: any) => { updated(p); p.prior_state.values.root_module.resources[0].values.outputs.queue_url = 'https://sqs/other'; }, differs],
    ['a replacement not forced by the upstream value', () => recordOf(upstream(addressChanges), downstream('old.rds')), (p: any) => { p.resource_changes[0].change.actions = ['delete', 'create']; p.resource_changes[0].change.replace_paths = [['replicas']]; }, ['staging-kubernetes: kubernetes_deployment.checkout is planned as delete+create now, reviewed as no-op']],
  ])('refused when %s', (_why, record, change, expected) => {
    expect(deployCheck(record(), downstream('new.rds', change))).toEqual(expected);
  });

  test('a replacement forced only by the upstream value is accepted', () => {
    const record = recordOf(upstream(addressChanges), downstream('old.rds'));
    expect(deployCheck(record, downstream('new.rds', (p) => { p.resource_changes[0].change.actions = ['delete', 'create']; p.resource_changes[0].change.replace_paths = [['spec', 0, 'env']]; }))).toEqual([]);
  });

  test.each([
    [{ changingOutputs: 'db_address' }, 'stack "x": "changingOutputs" is not a list of output names'],
    [{ upstream: { attributes: {}, remoteStates: {}, digest: 'zz' } }, 'stack "x": "upstream" is not a record of what the stack reads from other stacks'],
  ])('a record whose new fields are malformed is refused (%#)', (extra, why) => {
    const text = deflateRawSync(Buffer.from(JSON.stringify({ version: 1, stacks: { x: { status: 'planned', digest: '0'.repeat(64), resources: {}, ...extra } } }))).toString('base64');
    expect(() => decodePlanRecord(text)).toThrow(`No plan record was recorded on the merged pull request (${why})`);
  });
});
