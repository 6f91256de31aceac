import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import type { PrReport } from '../catalog/pr-report/report-model';
import { projectCopy, repo, synthProject } from './helpers/project';
import { cleanUp, tempDir } from './helpers/synth';
import { mirror, withTerraform } from './helpers/terraform';

afterAll(cleanUp);

const node = (script: string, args: string[]) => spawnSync('node', [path.join(repo, 'dist/scripts', script), ...args], { encoding: 'utf8', env: { ...process.env, GROUNDWORK_TF_MIRROR: mirror ?? '' } });
const actionsOf = (planFile: string) => {
  const plan = JSON.parse(fs.readFileSync(planFile, 'utf8'));
  return new Map<string, string>(plan.resource_changes.map((rc: any) => [rc.address, rc.change.actions.join('+')]));
};

/** A copy of a synthesized output without its plans, one stack's Terraform edited as a pull request would change it. */
function headFrom(base: string, change: (stack: Record<string, any>) => void = () => {}): string {
  const head = path.join(tempDir(), 'cdktf.out');
  fs.cpSync(base, head, { recursive: true, filter: (from) => !/[/\\](plans|\.terraform)$/.test(from) });
  const file = path.join(head, 'stacks/staging-aws/cdk.tf.json');
  const stack = JSON.parse(fs.readFileSync(file, 'utf8'));
  change(stack);
  fs.writeFileSync(file, JSON.stringify(stack));
  return head;
}

withTerraform.describe('offline plans against the state the base plan leaves (needs terraform and the provider mirror)', () => {
  let base: string;
  beforeAll(() => {
    base = synthProject(projectCopy());
    expect(node('plan.js', ['--offline', '--dir', base, 'staging-aws']).status).toBe(0);
  });

  test('the base planned as its own head: 0 to add, 0 to change, 0 to destroy', () => {
    const head = headFrom(base);
    const planned = node('plan.js', ['--offline', '--dir', head, '--base', base, 'staging-aws']);
    expect(planned.status).toBe(0);
    const actions = [...actionsOf(path.join(head, 'plans/staging-aws.json')).values()];
    expect(actions.length).toBeGreaterThan(150);
    expect(new Set(actions)).toEqual(new Set(['no-op']));
    expect(JSON.parse(fs.readFileSync(path.join(head, 'plans/plan-status.json'), 'utf8')).stacks['staging-aws']).toEqual({ status: 'planned', against: 'base-state' });
    // The throw-away state and override are gone; what was synthesized is unchanged.
    expect(fs.readdirSync(path.join(head, 'stacks/staging-aws')).filter((f) => f.endsWith('.json') || f.endsWith('.tfstate'))).toEqual(['cdk.tf.json']);
    expect(fs.existsSync(path.join(head, 'stacks/staging-aws/.terraform/offline.tfstate'))).toBe(false);
  });

  test('a new database engine and a removed alarm: terraform itself plans the replacement and the deletion; the comment shows them', () => {
    let database = '';
    let alarm = '';
    const head = headFrom(base, (stack) => {
      database = Object.keys(stack.resource.aws_db_instance).find((n) => n.startsWith('checkout_'))!;
      // Engine forces replacement (an identifier is renamed in place by hashicorp/aws 5.x).
      expect(stack.resource.aws_db_instance[database].engine).toBe('postgres');
      stack.resource.aws_db_instance[database].engine = 'mysql';
      alarm = Object.keys(stack.resource.aws_cloudwatch_metric_alarm).find((n) => n.startsWith('checkout_') && n.includes('db-cpu'))!;
      delete stack.resource.aws_cloudwatch_metric_alarm[alarm];
    });
    expect(node('plan.js', ['--offline', '--dir', head, '--base', base, 'staging-aws']).status).toBe(0);
    const actions = actionsOf(path.join(head, 'plans/staging-aws.json'));
    expect(actions.get(`aws_db_instance.${database}`)).toBe('delete+create');
    expect(actions.get(`aws_cloudwatch_metric_alarm.${alarm}`)).toBe('delete');
    const out = tempDir();
    const report = node('pr-report.js', ['--base', base, '--head', head, '--plans', path.join(head, 'plans'), '--out', out]);
    expect({ status: report.status, stderr: report.stderr }).toEqual({ status: 0, stderr: '' });
    const json: PrReport = JSON.parse(fs.readFileSync(path.join(out, 'pr-report.json'), 'utf8'));
    expect(json.plans!.find((p) => p.stack === 'staging-aws')).toMatchObject({ against: 'base-state', actions: { replace: 1, delete: 1 } });
    expect(json.danger).toContainEqual(expect.objectContaining({ stack: 'staging-aws', address: `aws_db_instance.${database}`, reason: 'the plan replaces this database: its data is lost' }));
    const markdown = fs.readFileSync(path.join(out, 'pr-report.md'), 'utf8');
    expect(markdown).toMatch(/\| planned \| 0 to create, \d+ to update, 1 to replace, 1 to delete \|/);
    expect(markdown).not.toContain('planned against empty state');
  });
});
