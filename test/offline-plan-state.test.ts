import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { priorState, ProviderSchemas } from '../catalog/pr-report/prior-state';
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

describe('the prior state evaluates what the base configured as terraform will when it plans the head', () => {
  const aws = 'registry.terraform.io/hashicorp/aws';
  const schemas: ProviderSchemas = {
    [aws]: {
      resource_schemas: {
        aws_lb: { block: { attributes: { arn_suffix: { type: 'string' }, dns_name: { type: 'string' }, zone_id: { type: 'string' } } } },
        aws_acm_certificate: { block: { attributes: { arn: { type: 'string' }, domain_validation_options: { type: ['set', ['object', { domain_name: 'string', resource_record_name: 'string', resource_record_type: 'string', resource_record_value: 'string' }]] } } } },
        aws_route53_record: {
          block: {
            attributes: { name: { type: 'string' }, type: { type: 'string' }, records: { type: ['set', 'string'] }, fqdn: { type: 'string' }, id: { type: 'string' } },
            block_types: { alias: { nesting_mode: 'set', block: { attributes: { name: { type: 'string' }, zone_id: { type: 'string' }, evaluate_target_health: { type: 'bool' } } } } },
          },
        },
        aws_acm_certificate_validation: { block: { attributes: { id: { type: 'string' }, certificate_arn: { type: 'string' }, validation_record_fqdns: { type: ['set', 'string'] } } } },
        aws_cloudwatch_metric_alarm: {
          block: {
            attributes: { dimensions: { type: ['map', 'string'] }, alarm_description: { type: 'string' } },
            block_types: {
              metric_query: {
                nesting_mode: 'set',
                block: { attributes: { id: { type: 'string' } }, block_types: { metric: { nesting_mode: 'list', block: { attributes: { metric_name: { type: 'string' }, dimensions: { type: ['map', 'string'] } } } } } },
              },
            },
          },
        },
      },
    },
  };
  const certificate = 'aws_acm_certificate.cert';
  const dvo = (field: string) => `\${tolist(${certificate}.domain_validation_options).0.${field}}`;
  const configuration = {
    resource: {
      aws_lb: { lb: {} },
      aws_acm_certificate: { cert: {} },
      aws_route53_record: {
        validation: { name: dvo('resource_record_name'), type: dvo('resource_record_type'), records: [dvo('resource_record_value')] },
        alias: { name: 'api.example', type: 'A', alias: { name: '${aws_lb.lb.dns_name}', zone_id: '${aws_lb.lb.zone_id}', evaluate_target_health: true } },
      },
      aws_acm_certificate_validation: { validation: { certificate_arn: `\${${certificate}.arn}`, validation_record_fqdns: ['${aws_route53_record.validation.fqdn}'] } },
      aws_cloudwatch_metric_alarm: {
        partial: { dimensions: { LoadBalancer: '${aws_lb.lb.arn_suffix}' } },
        errors: {
          dimensions: { LoadBalancer: '${aws_lb.lb.arn_suffix}' },
          // Literal text that looks like a legacy index, and an escaped interpolation: both stay text.
          alarm_description: 'v1.5 of $${aws_lb.lb.0} for ${aws_lb.lb.arn_suffix}',
          metric_query: [
            { id: 'requests', metric: { metric_name: 'RequestCount', dimensions: { LoadBalancer: '${aws_lb.lb.arn_suffix}' } } },
            { id: 'bad', metric: { metric_name: 'Errors', dimensions: { TargetGroup: '${unknownfn(aws_lb.lb.arn_suffix)}' } } },
          ],
        },
      },
    },
  };
  const resource = (type: string, name: string, values: object, afterUnknown: object) => ({
    planned: { address: `${type}.${name}`, mode: 'managed', type, name, provider_name: aws, values },
    change: { address: `${type}.${name}`, change: { actions: ['create'], after_unknown: afterUnknown } },
  });
  const resources = [
    // Planned in an order where every reader comes before what it reads.
    resource('aws_cloudwatch_metric_alarm', 'errors', {
      // The plan sorts a set's items: `bad` before `requests`, unlike the configuration.
      metric_query: [{ id: 'bad', metric: [{ metric_name: 'Errors' }] }, { id: 'requests', metric: [{ metric_name: 'RequestCount' }] }],
    }, { dimensions: true, alarm_description: true, metric_query: [{ metric: [{ dimensions: true }] }, { metric: [{ dimensions: true }] }] }),
    // A map the plan left null with one unknown entry.
    resource('aws_cloudwatch_metric_alarm', 'partial', { dimensions: null }, { dimensions: { LoadBalancer: true } }),
    resource('aws_acm_certificate_validation', 'validation', {}, { id: true, certificate_arn: true, validation_record_fqdns: true }),
    resource('aws_route53_record', 'validation', { alias: [] }, { name: true, type: true, records: true, fqdn: true, id: true, alias: [] }),
    resource('aws_route53_record', 'alias', { name: 'api.example', type: 'A', alias: [{ evaluate_target_health: true }] }, { fqdn: true, id: true, alias: [{ name: true, zone_id: true }] }),
    resource('aws_acm_certificate', 'cert', { domain_validation_options: [{ domain_name: 'api.example' }] }, { arn: true, domain_validation_options: [{ resource_record_name: true, resource_record_type: true, resource_record_value: true }] }),
    resource('aws_lb', 'lb', {}, { arn_suffix: true, dns_name: true, zone_id: true }),
  ];
  const plan = { planned_values: { root_module: { resources: resources.map((r) => r.planned) } }, resource_changes: resources.map((r) => r.change) };
  const state = priorState(plan, schemas, configuration);
  // The test reads deep into what it built: any, as the JSON it stands for.
  const attributes = (address: string): any => state.resources.find((r) => `${r.type}.${r.name}` === address)!.instances[0].attributes;

  test('maps and nested maps the plan left null read the placeholders they reference; set items are matched to their configuration', () => {
    const lb = attributes('aws_lb.lb');
    expect(lb.arn_suffix).toMatch(/^groundwork-placeholder-[0-9a-f]{16}$/);
    const alarm = attributes('aws_cloudwatch_metric_alarm.errors');
    expect(alarm.dimensions).toEqual({ LoadBalancer: lb.arn_suffix });
    expect(attributes('aws_cloudwatch_metric_alarm.partial').dimensions).toEqual({ LoadBalancer: lb.arn_suffix });
    expect(alarm.alarm_description).toBe(`v1.5 of \${aws_lb.lb.0} for ${lb.arn_suffix}`);
    const requests = alarm.metric_query.find((q: any) => q.id === 'requests');
    expect(requests.metric).toEqual([{ metric_name: 'RequestCount', dimensions: { LoadBalancer: lb.arn_suffix } }]);
    // An expression the evaluator cannot know (an unknown function) is a value a provider stores when nothing is set, not an error.
    expect(alarm.metric_query.find((q: any) => q.id === 'bad').metric).toEqual([{ metric_name: 'Errors', dimensions: {} }]);
  });

  test("a DNS validation record holds the certificate's placeholders read through tolist(...).0, and the validation the record's fqdn", () => {
    const [options] = attributes(certificate).domain_validation_options;
    expect(options.resource_record_type).toBe('CNAME');
    const record = attributes('aws_route53_record.validation');
    expect(record).toMatchObject({ name: options.resource_record_name, type: 'CNAME', records: [options.resource_record_value] });
    expect(record.name).toMatch(/^groundwork-placeholder-/);
    const validation = attributes('aws_acm_certificate_validation.validation');
    expect(validation).toMatchObject({ certificate_arn: attributes(certificate).arn, validation_record_fqdns: [record.fqdn] });
    const lb = attributes('aws_lb.lb');
    expect(attributes('aws_route53_record.alias').alias).toEqual([{ evaluate_target_health: true, name: lb.dns_name, zone_id: lb.zone_id }]);
    expect(lb.zone_id).toMatch(/^Z[0-9A-F]{16}$/);
  });

  test('the state is the same whatever order the plan lists its resources in', () => {
    const reversed = { ...plan, planned_values: { root_module: { resources: [...plan.planned_values.root_module.resources].reverse() } } };
    const sorted = (s: any) => JSON.stringify([...s.resources].sort((a: any, b: any) => (a.name + a.type < b.name + b.type ? -1 : 1)));
    expect(sorted(priorState(reversed, schemas, configuration))).toBe(sorted(state));
  });
});
