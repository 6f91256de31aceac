import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import type { PrReport } from '../catalog/pr-report/report-model';
import { COMMENT_MARKER } from '../catalog/pr-report/markdown';
import { edit, projectCopy, repo, synthProject } from './helpers/project';
import { cleanUp, readTree, tempDir } from './helpers/synth';
import { mirror, terraformAvailable, withTerraform } from './helpers/terraform';

afterAll(cleanUp);

const node = (script: string, ...args: string[]) =>
  spawnSync('node', [path.join(repo, 'dist/scripts', script), ...args], { encoding: 'utf8', env: { ...process.env, GROUNDWORK_TF_MIRROR: mirror ?? '' } });
const prReport = (...args: string[]) => node('pr-report.js', ...args);
const readReport = (out: string): PrReport => JSON.parse(fs.readFileSync(path.join(out, 'pr-report.json'), 'utf8'));

/** Base: the example organisation. Head: the same with a database added to order-events. Planned once. */
let base: string;
let head: string;
let planned: ReturnType<typeof spawnSync> | undefined;
beforeAll(() => {
  base = synthProject(projectCopy());
  const root = projectCopy();
  edit(path.join(root, 'stacks/services/order-events.ts'), "    messagesPerReplica: 50,\n", "    messagesPerReplica: 50,\n    database: { size: 'small' },\n");
  head = synthProject(root);
  if (terraformAvailable) planned = node('plan.js', '--offline', '--dir', head, 'staging-aws', 'production-aws');
});

describe('adding a database to one service', () => {
  let report: PrReport;
  let markdown: string;
  beforeAll(() => {
    const out = tempDir();
    const args = ['--base', base, '--head', head, '--out', out, ...(terraformAvailable ? ['--plans', path.join(head, 'plans')] : [])];
    const result = prReport(...args);
    expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
    report = readReport(out);
    markdown = fs.readFileSync(path.join(out, 'pr-report.md'), 'utf8');
  });

  test('shows the new resources of the service in each AWS stack, and nothing else', () => {
    const added = report.resources.filter((r) => r.change === 'added');
    expect(new Set(added.map((r) => r.service))).toEqual(new Set(['order-events']));
    expect(added.filter((r) => r.address.startsWith('aws_db_instance.')).map((r) => r.stack)).toEqual(['production-aws', 'staging-aws']);
    expect(report.resources.filter((r) => r.change === 'removed')).toEqual([]);
    expect(report.services).toContainEqual(expect.objectContaining({ name: 'order-events', change: 'changed', owner: 'payments', costCenter: 'CC-2001' }));
  });

  test('the cost delta of the service, its team and its cost center', () => {
    const row = report.cost.byService.find((r) => r.name === 'order-events')!;
    expect(row).toMatchObject({ team: 'payments', costCenter: 'CC-2001' });
    expect(row.difference).toBeGreaterThan(0);
    expect(row.difference).toBeCloseTo(row.new - row.old, 2);
    expect(report.cost.byTeam.map((r) => r.name)).toEqual(['payments']);
    expect(report.cost.byCostCenter.map((r) => r.name)).toEqual(['CC-2001']);
    expect(report.cost.total.difference).toBeCloseTo(row.difference, 2);
    expect(markdown).toContain(`| order-events | payments | CC-2001 | $${row.old.toFixed(2)}`);
  });

  test('no new findings and no danger lines', () => {
    expect(report.findings.new).toEqual([]);
    expect(report.danger).toEqual([]);
    expect(markdown).toContain('No danger lines');
  });

  withTerraform.test('the real planned creates from the AWS plans; other stacks not planned, with the reason', () => {
    expect({ status: planned!.status, stderr: String(planned!.stderr).split('\n').filter((l) => !l.startsWith('Planning')).join('') }).toEqual({ status: 0, stderr: '' });
    for (const stack of ['staging-aws', 'production-aws']) {
      const plan = report.plans!.find((p) => p.stack === stack)!;
      expect(plan.status).toBe('planned');
      const changes = plan.byService!.find((s) => s.service === 'order-events')!.changes;
      expect(changes.filter((c) => c.address.startsWith('aws_db_instance.')).map((c) => c.action)).toEqual(['create']);
      // The stack has no state here, so everything is a create: the plan is real, not a guess.
      expect(plan.actions).toMatchObject({ update: 0, replace: 0, delete: 0 });
      expect(plan.actions!.create).toBeGreaterThan(100);
    }
    expect(report.plans!.filter((p) => p.status !== 'planned').map((p) => [p.stack, p.reason])).toEqual([
      ['bootstrap', 'npm run plan did not look at this stack'],
      ['github', 'npm run plan did not look at this stack'],
      ['production-kubernetes', 'npm run plan did not look at this stack'],
      ['staging-kubernetes', 'npm run plan did not look at this stack'],
    ]);
    expect(markdown).toMatch(/\| planned \| \d+ to create, 0 to update, 0 to replace, 0 to delete \(production-aws, staging-aws planned against empty state: deletions are not shown by the plan\) \|/);
    // The synthesized stack keeps allowed_account_ids; the offline override is gone.
    expect(JSON.parse(fs.readFileSync(path.join(head, 'stacks/staging-aws/cdk.tf.json'), 'utf8')).provider.aws[0].allowed_account_ids).toEqual(['111111111111']);
    expect(fs.existsSync(path.join(head, 'stacks/staging-aws/offline_override.tf.json'))).toBe(false);
  });

  withTerraform.test('what was reviewed is what is applied: the plan record in the comment checks a new plan', () => {
    const digests = report.summary.planDigests!;
    expect(Object.keys(digests)).toEqual(['bootstrap', 'github', 'production-aws', 'production-kubernetes', 'staging-aws', 'staging-kubernetes']);
    expect(digests).toMatchObject({ github: 'not-planned', 'staging-aws': expect.stringMatching(/^[0-9a-f]{64}$/) });
    const record = markdown.match(/<!-- groundwork-plan-record: ([A-Za-z0-9+/=]+) -->/)![1];
    const check = (expected: string) => node('plan-digest.js', '--head', head, '--expect', expected);
    expect(check(record)).toMatchObject({ status: 0, stderr: '' });
    const none = check('');
    expect({ status: none.status, stderr: none.stderr }).toEqual({ status: 1, stderr: expect.stringContaining('No plan record was recorded on the merged pull request') });
  });

  test('the comment starts with its marker, then the summary; details are collapsed', () => {
    expect(markdown.startsWith(`${COMMENT_MARKER}\n`)).toBe(true);
    expect(markdown.indexOf('| resources |')).toBeLessThan(markdown.indexOf('<details>'));
  });
});

/** A copy of the base output with one stack's Terraform edited as a pull request would change it. */
function editedCopy(change: (stacks: Record<string, any>) => void): string {
  const copy = path.join(tempDir(), 'cdktf.out');
  fs.cpSync(base, copy, { recursive: true });
  const stacks: Record<string, any> = {};
  for (const name of ['staging-aws', 'production-aws']) stacks[name] = JSON.parse(fs.readFileSync(path.join(copy, 'stacks', name, 'cdk.tf.json'), 'utf8'));
  change(stacks);
  for (const [name, json] of Object.entries(stacks)) fs.writeFileSync(path.join(copy, 'stacks', name, 'cdk.tf.json'), JSON.stringify(json));
  return copy;
}

const dbOf = (stack: any, service: string) => {
  const [name, body] = Object.entries<any>(stack.resource.aws_db_instance).find(([n]) => n.startsWith(`${service}_`))!;
  return { address: `aws_db_instance.${name}`, body };
};

describe('danger lines come first', () => {
  test('a new database identifier replaces the database; deletion protection off; an address moved between stacks', () => {
    let database = '';
    let moved = '';
    const changed = editedCopy((stacks) => {
      const db = dbOf(stacks['staging-aws'], 'checkout');
      database = db.address;
      db.body.identifier = 'checkout-staging-v2';
      dbOf(stacks['production-aws'], 'ledger').body.deletion_protection = false;
      // An address only production has, moved to staging: a delete there and a create here.
      const ips = stacks['production-aws'].resource.aws_eip;
      moved = Object.keys(ips).find((n) => n.startsWith('network_nat-eu-west-1a-ip_'))!;
      stacks['staging-aws'].resource.aws_eip[moved] = ips[moved];
      delete ips[moved];
    });
    const out = tempDir();
    const result = prReport('--base', base, '--head', changed, '--out', out);
    expect(result.status).toBe(0);
    const report = readReport(out);
    expect(report.danger.map((d) => [d.stack, d.address, d.service, d.reason.split(':')[0]])).toEqual([
      ['production-aws', dbOf(JSON.parse(fs.readFileSync(path.join(base, 'stacks/production-aws/cdk.tf.json'), 'utf8')), 'ledger').address, 'ledger', 'deletion protection turned off'],
      ['production-aws', `aws_eip.${moved}`, 'network', 'moved from stack production-aws to stack staging-aws'],
      ['staging-aws', database, 'checkout', 'database replaced (deleted and created again, its data lost)'],
    ]);
    expect(report.danger[2].reason).toContain('identifier "checkout-staging" → "checkout-staging-v2"');
    const markdown = fs.readFileSync(path.join(out, 'pr-report.md'), 'utf8');
    const top = markdown.slice(0, markdown.indexOf('<details>'));
    expect(top).toContain('Danger: 3 changes');
    expect(top).toContain(database.replace(/_/g, '\\_'));
  });
});

describe('bad input: one sentence, exit 1, nothing written', () => {
  const attempt = (args: string[], expected: string) => {
    const out = tempDir();
    const result = prReport(...args, '--out', out);
    expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 1, stderr: expect.stringContaining(expected) });
    expect(result.stderr).not.toContain('    at ');
    expect(readTree(out)).toEqual({});
  };

  test('a base folder that is not a synthesized output', () => attempt(['--base', tempDir(), '--head', head], 'is not a synthesized output: it has no manifest.json'));
  test('a head folder that does not exist', () => attempt(['--base', base, '--head', '/nonexistent/cdktf.out'], 'The head folder /nonexistent/cdktf.out does not exist'));
  test('a head folder without its reports', () => {
    const copy = path.join(tempDir(), 'cdktf.out');
    fs.cpSync(base, copy, { recursive: true });
    fs.rmSync(path.join(copy, 'catalog', 'cost-report.json'));
    attempt(['--base', base, '--head', copy], 'has no catalog/cost-report.json');
  });
  test('a corrupt policy report', () => {
    const copy = path.join(tempDir(), 'cdktf.out');
    fs.cpSync(base, copy, { recursive: true });
    fs.writeFileSync(path.join(copy, 'catalog', 'policy.json'), '{"findings": [{"rule": 1}]}');
    attempt(['--base', base, '--head', copy], `${path.join(copy, 'catalog', 'policy.json')} is not a valid policy-report document:`);
  });

  describe('plans', () => {
    const plansLike = (change: (dir: string) => void) => {
      const dir = tempDir();
      if (terraformAvailable) fs.cpSync(path.join(head, 'plans'), dir, { recursive: true });
      change(dir);
      return dir;
    };
    test('a folder not written by npm run plan', () => attempt(['--base', base, '--head', head, '--plans', tempDir()], 'has no plan-status.json: it was not written by npm run plan'));
    withTerraform.test('a missing plan file', () => {
      const dir = plansLike((d) => fs.rmSync(path.join(d, 'staging-aws.json')));
      attempt(['--base', base, '--head', head, '--plans', dir], 'staging-aws.json is missing although plan-status.json says stack "staging-aws" was planned');
    });
    withTerraform.test('a plan from another stack', () => {
      const dir = plansLike((d) => fs.copyFileSync(path.join(d, 'production-aws.json'), path.join(d, 'staging-aws.json')));
      attempt(['--base', base, '--head', head, '--plans', dir], 'staging-aws.json is not a plan of stack "staging-aws"');
    });
  });
});
