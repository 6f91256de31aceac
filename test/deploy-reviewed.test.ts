import { createHash } from 'crypto';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { encodePlanRecord, planRecord, PlanRecord } from '../catalog/pr-report/plan-digest';
import { readPlanStatus } from '../catalog/pr-report/plan-file';
import { applySavedPlan, planAndCompare, prepareReviewedDeploy } from '../scripts/saved-plan-deploy';
import { repo } from './helpers/project';
import { cleanUp, tempDir } from './helpers/synth';
import { withTerraformCli } from './helpers/terraform';

afterAll(cleanUp);

/**
 * Saved-plan deploys for real, offline: Terraform's built-in terraform_data resource plans and
 * applies with no provider, on local state in a temp folder (deploy-reviewed does not look at the
 * backend; the workflow refuses local state before it runs).
 */
const script = (name: string) => path.join(repo, 'dist/scripts', name);
const node = (name: string, args: string[]) => spawnSync(process.execPath, [script(name), ...args], { encoding: 'utf8', env: { ...process.env, TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1' } });

interface Output {
  readonly dir: string;
  readonly state: (stack: string) => string;
  readonly stackFile: (stack: string) => string;
}

/** A synthesized-output-like folder: an "aws" stack and a "kubernetes" stack that depends on it, each terraform_data with local state. */
function output(): Output {
  const root = tempDir('groundwork-deploy-');
  const dir = path.join(root, 'cdktf.out');
  const state = (stack: string) => path.join(root, 'state', `${stack}.tfstate`);
  const stacks: Record<string, any> = {
    'staging-aws': { resource: { terraform_data: { database: { input: { size: 'medium', cidr: '10.0.0.0/16' } } } }, output: { database_id: { value: '${terraform_data.database.id}' } } },
    'staging-kubernetes': { resource: { terraform_data: { workload: { input: { replicas: 2 } } } } },
  };
  const manifest: Record<string, unknown> = {};
  for (const [name, json] of Object.entries(stacks)) {
    fs.mkdirSync(path.join(dir, 'stacks', name), { recursive: true });
    fs.writeFileSync(path.join(dir, 'stacks', name, 'cdk.tf.json'), JSON.stringify({ terraform: { backend: { local: { path: state(name) } } }, ...json }));
    manifest[name] = { name, dependencies: name === 'staging-kubernetes' ? ['staging-aws'] : [], synthesizedStackPath: `stacks/${name}/cdk.tf.json`, workingDirectory: `stacks/${name}` };
  }
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ version: '0.21.0', stacks: manifest }));
  return { dir, state, stackFile: (stack) => path.join(dir, 'stacks', stack, 'cdk.tf.json') };
}

/** The pull request's review: plan every stack, record the plans as the comment does. */
function review(out: Output): PlanRecord {
  expect(node('plan.js', ['--dir', out.dir]).status).toBe(0);
  const plans = path.join(out.dir, 'plans');
  const statuses = Object.entries(readPlanStatus(plans)).map(([stack, s]) => ({ stack, status: s.status }));
  return planRecord(statuses, (stack) => JSON.parse(fs.readFileSync(path.join(plans, `${stack}.json`), 'utf8')));
}

const editStack = (out: Output, stack: string, change: (json: any) => void) => {
  const json = JSON.parse(fs.readFileSync(out.stackFile(stack), 'utf8'));
  change(json);
  fs.writeFileSync(out.stackFile(stack), JSON.stringify(json));
};
const resourceInState = (out: Output, stack: string, name: string) => {
  const state = JSON.parse(fs.readFileSync(out.state(stack), 'utf8'));
  return state.resources.find((r: any) => r.name === name)?.instances[0].attributes;
};
const hash = (file: string) => (fs.existsSync(file) ? createHash('sha256').update(fs.readFileSync(file)).digest('hex') : 'absent');
const deployReviewed = (out: Output, record: PlanRecord | string, stacks = ['staging-aws', 'staging-kubernetes']) =>
  node('deploy-reviewed.js', ['--dir', out.dir, '--expect', typeof record === 'string' ? record : encodePlanRecord(record), ...stacks]);
const savedPlans = (out: Output) => ['staging-aws', 'staging-kubernetes'].filter((s) => fs.existsSync(path.join(out.dir, 'stacks', s, 'groundwork.tfplan')));

withTerraformCli.describe('deploy-reviewed: plan, compare, apply the compared plan, stack by stack (needs terraform)', () => {
  test('the reviewed plans are applied, the AWS stack before the Kubernetes stack; no saved plan is left', () => {
    const out = output();
    const record = review(out);
    const deployed = deployReviewed(out, record);
    expect(deployed).toMatchObject({ status: 0, stderr: '' });
    expect(deployed.stdout).toBe(
      [
        'staging-aws: the plan matches the reviewed plan; applying it...',
        'staging-aws: Apply complete! Resources: 1 added, 0 changed, 0 destroyed.',
        'staging-kubernetes: the plan matches the reviewed plan; applying it...',
        'staging-kubernetes: Apply complete! Resources: 1 added, 0 changed, 0 destroyed.',
        'Deployed as reviewed: staging-aws, staging-kubernetes.',
        '',
      ].join('\n'),
    );
    expect(resourceInState(out, 'staging-aws', 'database').input).toEqual({ value: { size: 'medium', cidr: '10.0.0.0/16' }, type: ['object', { cidr: 'string', size: 'string' }] });
    expect(resourceInState(out, 'staging-kubernetes', 'workload').input.value).toEqual({ replicas: 2 });
    // The saved plans hold values in cleartext: gone once applied.
    expect(savedPlans(out)).toEqual([]);
  });

  test('a value changed after review is refused naming the resource and attribute; nothing is applied', () => {
    const out = output();
    const record = review(out);
    editStack(out, 'staging-aws', (json) => (json.resource.terraform_data.database.input.cidr = '0.0.0.0/0'));
    const before = [hash(out.state('staging-aws')), hash(out.state('staging-kubernetes'))];
    const refused = deployReviewed(out, record);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toBe(
      'staging-aws: terraform_data.database: input differs from the reviewed plan (now {"cidr":"0.0.0.0/0","size":"medium"}): nothing is deployed; re-run the pull request\'s checks and review again.\nNothing was written.\n',
    );
    expect([hash(out.state('staging-aws')), hash(out.state('staging-kubernetes'))]).toEqual(before);
    expect(before).toEqual(['absent', 'absent']);
    // The Kubernetes stack was not even planned: the deploy stopped at the first difference.
    expect(Object.keys(readPlanStatus(path.join(out.dir, 'plans')))).toEqual(['staging-aws', 'staging-kubernetes']);
    expect(refused.stdout).not.toContain('staging-kubernetes');
    expect(savedPlans(out)).toEqual([]);
  });

  test('a difference in a later stack stops there: the sentence names what was applied before', () => {
    const out = output();
    const record = review(out);
    editStack(out, 'staging-kubernetes', (json) => (json.resource.terraform_data.workload.input.replicas = 50));
    const refused = deployReviewed(out, record);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toBe(
      'staging-kubernetes: terraform_data.workload: input differs from the reviewed plan (now {"replicas":50}): nothing more is applied (applied before: staging-aws); re-run the pull request\'s checks and review again.\n',
    );
    expect(resourceInState(out, 'staging-aws', 'database')).toBeDefined();
    expect(hash(out.state('staging-kubernetes'))).toBe('absent');
  });

  test("a saved plan made stale between compare and apply: terraform's refusal, one sentence naming the stack; the state stays as the other run left it", () => {
    const out = output();
    const record = review(out);
    const { deploy } = prepareReviewedDeploy(out.dir, record, ['staging-aws'], script('plan.js'));
    const saved = planAndCompare(deploy, 'staging-aws');
    expect(fs.existsSync(saved)).toBe(true);
    // Another run changes the state after the plan was compared.
    const other = spawnSync('terraform', ['apply', '-auto-approve', '-input=false', '-no-color'], { cwd: path.dirname(saved), encoding: 'utf8' });
    expect(other.status).toBe(0);
    const before = hash(out.state('staging-aws'));
    expect(() => applySavedPlan(deploy, 'staging-aws', saved)).toThrow(
      new Error('staging-aws: terraform refused the compared plan as stale ("Saved plan is stale": the state changed after the plan was made): nothing is deployed; run the deploy again to plan, compare and apply afresh.'),
    );
    expect(hash(out.state('staging-aws'))).toBe(before);
    expect(fs.existsSync(saved)).toBe(false);
  });

  test('a stack missing from the record, recorded as not planned or failed, or a record that is not one: refused before anything is planned', () => {
    const out = output();
    const record = review(out);
    fs.rmSync(path.join(out.dir, 'plans'), { recursive: true });
    const without = (status?: 'not-planned' | 'failed'): PlanRecord => {
      const stacks: Record<string, any> = { ...record.stacks };
      if (status) stacks['staging-kubernetes'] = { status };
      else delete stacks['staging-kubernetes'];
      return { ...record, stacks };
    };
    const cases: Array<[PlanRecord | string, string]> = [
      [without(), 'staging-kubernetes: no reviewed plan of this stack was recorded: nothing is deployed'],
      [without('not-planned'), 'staging-kubernetes: it was not planned for the review, so no reviewed plan of it can be applied: nothing is deployed'],
      [without('failed'), 'staging-kubernetes: it was a failed plan for the review, so no reviewed plan of it can be applied: nothing is deployed'],
      [{ ...record, stacks: { ...record.stacks, 'production-aws': record.stacks['staging-aws'] } }, 'production-aws: the reviewed plan has this stack, the merged output does not: nothing is deployed'],
      ['', 'No plan record was recorded on the merged pull request (none found): nothing is deployed'],
    ];
    for (const [reviewed, sentence] of cases) {
      const refused = deployReviewed(out, reviewed);
      expect({ status: refused.status, first: refused.stderr.split('\n')[0] }).toEqual({ status: 1, first: expect.stringContaining(sentence) });
      expect(refused.stdout).toBe('');
    }
    expect(deployReviewed(out, record, ['staging-aws', 'nope']).stderr).toBe('Stack "nope" is not in ' + out.dir + ': the stacks are staging-aws, staging-kubernetes; nothing is deployed.\nNothing was written.\n');
    // Nothing was planned, nothing applied.
    expect(fs.existsSync(path.join(out.dir, 'plans'))).toBe(false);
    expect([hash(out.state('staging-aws')), hash(out.state('staging-kubernetes'))]).toEqual(['absent', 'absent']);
  });

  test('a plan that fails now is refused naming the stack and terraform\'s error; nothing is applied', () => {
    const out = output();
    const record = review(out);
    editStack(out, 'staging-aws', (json) => (json.resource.terraform_data.database.input = '${var.missing}'));
    const refused = deployReviewed(out, record);
    expect(refused.status).toBe(1);
    expect(refused.stderr.split('\n')[0]).toMatch(/^staging-aws: the plan failed now \(terraform plan: Error: Reference to undeclared input variable .*\), but it was planned for the review: nothing is deployed; re-run the pull request's checks and review again\.$/);
    expect(hash(out.state('staging-aws'))).toBe('absent');
  });

  test('npm run plan -- --keep-plan-file leaves the saved plan of what it showed; never for an offline plan', () => {
    const out = output();
    expect(node('plan.js', ['--dir', out.dir, '--keep-plan-file', 'staging-aws']).status).toBe(0);
    expect(savedPlans(out)).toEqual(['staging-aws']);
    const shown = spawnSync('terraform', ['show', '-json', 'groundwork.tfplan'], { cwd: path.join(out.dir, 'stacks/staging-aws'), encoding: 'utf8' });
    expect(JSON.parse(shown.stdout).resource_changes).toEqual(JSON.parse(fs.readFileSync(path.join(out.dir, 'plans/staging-aws.json'), 'utf8')).resource_changes);
    // Without the flag, a plan leaves none (and removes one an earlier run left).
    expect(node('plan.js', ['--dir', out.dir, 'staging-aws']).status).toBe(0);
    expect(savedPlans(out)).toEqual([]);
    expect(node('plan.js', ['--dir', out.dir, '--keep-plan-file', '--offline', 'staging-aws']).stderr).toContain('--keep-plan-file keeps a plan to apply; an offline plan');
  });
});

/**
 * Two stacks as cdktf wires them: the AWS stack's output `cross-stack-output-...`, read by the
 * Kubernetes stack through `data.terraform_remote_state.cross-stack-reference-input-staging-aws`
 * (local backend on the AWS stack's state file). The workload's `input` reads the address; its
 * `triggers_replace` (the replica count) reads nothing upstream.
 */
const REMOTE = 'cross-stack-reference-input-staging-aws';
const OUTPUT = 'cross-stack-output-aws_db_instancecheckoutaddress';
function chained(): Output {
  const out = output();
  editStack(out, 'staging-aws', (json) => {
    json.resource.terraform_data.database.input = { address: 'checkout-old.rds.example' };
    json.output = { [OUTPUT]: { value: '${terraform_data.database.output.address}', sensitive: true }, other: { value: 'steady' } };
  });
  editStack(out, 'staging-kubernetes', (json) => {
    json.data = { terraform_remote_state: { [REMOTE]: { backend: 'local', config: { path: out.state('staging-aws') }, workspace: '${terraform.workspace}' } } };
    json.resource.terraform_data.workload = { input: { replicas: 2, database: `\${data.terraform_remote_state.${REMOTE}.outputs.${OUTPUT}}`, other: `\${data.terraform_remote_state.${REMOTE}.outputs.other}` }, triggers_replace: ['2'] };
  });
  // The base, applied before the pull request (the Kubernetes stack cannot be planned before the AWS state exists).
  for (const stack of ['staging-aws', 'staging-kubernetes']) {
    for (const args of [['init', '-input=false', '-no-color'], ['apply', '-auto-approve', '-input=false', '-no-color']]) {
      const run = spawnSync('terraform', args, { cwd: path.dirname(out.stackFile(stack)), encoding: 'utf8' });
      expect({ stack, args, status: run.status, stderr: run.stderr }).toEqual({ stack, args, status: 0, stderr: '' });
    }
  }
  return out;
}
const newAddress = (out: Output) => editStack(out, 'staging-aws', (json) => (json.resource.terraform_data.database.input.address = 'checkout-new.rds.example'));

withTerraformCli.describe('deploy-reviewed: a stack that reads an upstream output changed by the pull request (needs terraform)', () => {
  test('the AWS output changes; the Kubernetes stack, reviewed against the old state, is applied with the new value', () => {
    const out = chained();
    newAddress(out);
    const record = review(out);
    // Reviewed against the old AWS state: the workload is a no-op; the record names the output that changes.
    expect(record.stacks['staging-kubernetes']).toMatchObject({ resources: { 'terraform_data.workload': { action: 'no-op' } } });
    expect(record.stacks['staging-aws']).toMatchObject({ changingOutputs: [OUTPUT] });
    expect(JSON.stringify(record)).not.toContain('checkout-');
    const deployed = deployReviewed(out, record);
    expect(deployed).toMatchObject({ status: 0, stderr: '' });
    expect(deployed.stdout).toContain('staging-kubernetes: Apply complete! Resources: 0 added, 1 changed, 0 destroyed.');
    expect(resourceInState(out, 'staging-kubernetes', 'workload').input.value).toEqual({ replicas: 2, database: 'checkout-new.rds.example', other: 'steady' });
  });

  test('an attribute that reads nothing upstream, changed after review, is refused naming resource and attribute', () => {
    const out = chained();
    newAddress(out);
    const record = review(out);
    editStack(out, 'staging-kubernetes', (json) => (json.resource.terraform_data.workload.triggers_replace = ['50']));
    const refused = deployReviewed(out, record);
    expect(refused.status).toBe(1);
    expect(refused.stderr.split('\n')[0]).toBe(
      'staging-kubernetes: terraform_data.workload is planned as delete+create now, reviewed as no-op (and 1 more difference): nothing more is applied (applied before: staging-aws); re-run the pull request\'s checks and review again.',
    );
    expect(refused.stderr).toContain('- staging-kubernetes: terraform_data.workload: triggers_replace differs from the reviewed plan (now ["50"])');
    expect(resourceInState(out, 'staging-kubernetes', 'workload').input.value.database).toBe('checkout-old.rds.example');
  });

  test('a value changed after review inside an expression that reads the upstream output is refused too (the expression is the reviewed one or nothing is excused)', () => {
    const out = chained();
    newAddress(out);
    const record = review(out);
    editStack(out, 'staging-kubernetes', (json) => (json.resource.terraform_data.workload.input.replicas = 50));
    const refused = deployReviewed(out, record);
    expect(refused.stderr.split('\n')[0]).toBe(
      'staging-kubernetes: terraform_data.workload is planned as update now, reviewed as no-op (and 2 more differences): nothing more is applied (applied before: staging-aws); re-run the pull request\'s checks and review again.',
    );
    expect(refused.stderr).toContain('- staging-kubernetes: terraform_data.workload: input differs from the reviewed plan (now {"database":"checkout-new.rds.example","other":"steady","replicas":50})');
  });

  test('the upstream output did not change at review, but reads differently now (state changed out of band): refused', () => {
    const out = chained();
    const record = review(out);
    expect(record.stacks['staging-aws']).toMatchObject({ changingOutputs: [] });
    // Someone applies a different address to the AWS state outside the reviewed plans.
    newAddress(out);
    expect(spawnSync('terraform', ['apply', '-auto-approve', '-input=false', '-no-color'], { cwd: path.dirname(out.stackFile('staging-aws')), encoding: 'utf8' }).status).toBe(0);
    const refused = deployReviewed(out, record, ['staging-kubernetes']);
    expect(refused.status).toBe(1);
    expect(refused.stderr.split('\n')[0]).toBe(
      'staging-kubernetes: terraform_data.workload is planned as update now, reviewed as no-op (and 2 more differences): nothing is deployed; re-run the pull request\'s checks and review again.',
    );
    expect(refused.stderr.split('\n').slice(1)).toEqual([
      '  - staging-kubernetes: terraform_data.workload: input differs from the reviewed plan (now {"database":"checkout-new.rds.example","other":"steady","replicas":2})',
      '  - staging-kubernetes: terraform_data.workload: output differs from the reviewed plan (now known only after apply)',
      'Nothing was written.',
      '',
    ]);
    expect(resourceInState(out, 'staging-kubernetes', 'workload').input.value.database).toBe('checkout-old.rds.example');
  });

  test('an unchanged output read differently beside a changed one is refused: the change out of band does not hide behind the reviewed one', () => {
    const out = chained();
    newAddress(out);
    const record = review(out);
    // After review, the other output the workload reads changes too (not in the reviewed AWS plan... but applied with it here).
    editStack(out, 'staging-aws', (json) => (json.output.other.value = 'moved'));
    const recordWithBoth = review(out);
    // The AWS stack as reviewed with both changes, the Kubernetes stack as reviewed with one.
    const mixed: PlanRecord = { ...record, stacks: { ...record.stacks, 'staging-aws': recordWithBoth.stacks['staging-aws'] } };
    expect(mixed.stacks['staging-aws']).toMatchObject({ changingOutputs: [OUTPUT, 'other'] });
    const refused = deployReviewed(out, mixed);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('- staging-kubernetes: terraform_data.workload: input differs from the reviewed plan');
  });
});
