/**
 * Terraform written by others: plans (terraform show -json), configurations with variables,
 * locals, functions, count, for_each, dynamic blocks and modules, tag conventions other than
 * Groundwork's, and hostile numbers.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { analyse, Analysis } from '../catalog/analyse';
import { checkContract } from '../catalog/contracts';
import { readPlans } from '../catalog/terraform/plan-reader';
import { readResources } from '../catalog/terraform/ownership-inference';
import { DEFAULT_TAG_CANDIDATES } from '../catalog/spend/formats';
import { errorOf } from './helpers/error-of';
import { withTagAliases } from '../model/tag-aliases';
import { terraform, withTerraform } from './helpers/terraform';

const planFixture = path.join(__dirname, 'fixtures/plan/checkout');
const usage = path.join(__dirname, '../usage');
const temps: string[] = [];
afterAll(() => temps.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'groundwork-any-'));
  temps.push(dir);
  return dir;
}

/** Analyses Terraform JSON written into a fresh folder: `{ 'main.tf.json': {...} }`. */
function analyseFiles(files: Record<string, unknown>): Analysis {
  const dir = tempDir();
  for (const [name, json] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), JSON.stringify(json));
  }
  return analyse(dir, { usage, today: '2026-01-01' });
}


const priced = (a: Analysis) => a.cost.resources.filter((r) => r.type !== 'free-tier').map((r) => r.address).sort();
const notPriced = (a: Analysis) => Object.fromEntries(a.cost.notPriced.resources.map((r) => [r.address, r.reason]));

describe('a plan (terraform show -json)', () => {
  let plan: Analysis;
  beforeAll(() => {
    plan = analyse(tempDir(), { usage, today: '2026-01-01', plan: path.join(planFixture, 'plan.json') });
  });

  it('prices every planned instance, count and for_each expanded and modules included, by the region the variables chose', () => {
    expect(priced(plan)).toEqual(['aws_db_instance.main', 'aws_instance.web[0]', 'aws_instance.web[1]', 'aws_s3_bucket.b', 'aws_sqs_queue.q["orders"]', 'aws_sqs_queue.q["refunds"]', 'module.alerts.aws_sns_topic.alerts']);
    expect(new Set(plan.cost.resources.map((r) => r.region))).toEqual(new Set(['eu-west-1']));
    expect(plan.cost.resources.find((r) => r.address === 'aws_db_instance.main')?.components[0].item).toBe('rds.instance.postgres.db.t3.micro.single-az');
  });

  it('says what is known only after apply instead of guessing', () => {
    expect(notPriced(plan)).toEqual({ 'aws_ebs_volume.scratch': 'size known after apply' });
  });

  it('reads Team / Service / Environment / CostCenter tags as the ownership keys', () => {
    const services = plan.catalog.entities.filter((e) => e.kind === 'service');
    expect(services.map((s) => [s.name, s.owner])).toEqual([['checkout', 'payments']]);
    expect(plan.cost.byTeam.map((t) => t.name)).toContain('payments');
    expect(plan.policy.tagCoverage.overall.percent).toBe(100);
  });

  it('keeps references the plan only knows as configuration (the bucket has its public access block)', () => {
    expect(plan.policy.findings.filter((f) => f.rule === 'aws/s3-public-access-block')).toEqual([]);
    expect(plan.catalog.entities.filter((e) => e.kind === 'resource').map((e) => e.name)).toEqual(expect.arrayContaining(['checkout-production-assets-bucket', 'checkout-production-orders-queue', 'checkout-production-refunds-queue', 'web-0-compute', 'web-1-compute']));
  });

  it('refuses a file that is not a plan with one sentence', () => {
    expect(errorOf(() => readPlans(path.join(planFixture, 'main.tf.json')))).toBe(
      'main.tf.json is not a Terraform plan in JSON: it has no "planned_values" object (write it with terraform show -json plan.out > main.tf.json).',
    );
  });

  withTerraform.test('is a real plan of its configuration: planning it again offline reads the same', () => {
    const dir = tempDir();
    fs.cpSync(planFixture, dir, { recursive: true });
    fs.rmSync(path.join(dir, 'plan.json'));
    terraform(dir, ['init', '-backend=false', '-input=false', '-no-color']);
    terraform(dir, ['plan', '-out=plan.out', '-input=false', '-no-color', '-lock=false', '-refresh=false']);
    fs.writeFileSync(path.join(dir, 'fresh.json'), terraform(dir, ['show', '-json', 'plan.out']));
    const shape = (file: string) => readResources(readPlans(file)).map((r) => [r.address, r.region, r.ownership, r.body.instance_class ?? r.body.instance_type ?? r.body.name ?? null]);
    expect(shape(path.join(dir, 'fresh.json'))).toEqual(shape(path.join(planFixture, 'plan.json')));
  });
});

describe('a configuration without a plan', () => {
  let config: Analysis;
  beforeAll(() => {
    const dir = tempDir();
    fs.copyFileSync(path.join(planFixture, 'main.tf.json'), path.join(dir, 'main.tf.json'));
    fs.cpSync(path.join(planFixture, 'mod'), path.join(dir, 'mod'), { recursive: true });
    config = analyse(dir, { usage, today: '2026-01-01' });
  });

  it('resolves variable defaults, locals and functions, and expands count, for_each and the local module like the plan does', () => {
    expect(priced(config)).toEqual(['aws_db_instance.main', 'aws_instance.web[0]', 'aws_instance.web[1]', 'aws_s3_bucket.b', 'aws_sqs_queue.q["orders"]', 'aws_sqs_queue.q["refunds"]', 'module.alerts.aws_sns_topic.alerts']);
    expect(config.catalog.entities.filter((e) => e.kind === 'service').map((s) => [s.name, s.owner, s.costCenter])).toEqual([['checkout', 'payments', 'CC-2001']]);
    expect(config.cost.resources.find((r) => r.address === 'aws_db_instance.main')?.monthlyUsd).toBe(21.35);
  });

  it('lists a module call whose source is missing as not analysed in every report', () => {
    expect(notPriced(config)).toEqual({ 'aws_ebs_volume.scratch': 'size is not a literal ("${length(aws_s3_bucket.b.arn)}")' });
    expect(config.catalog.notAnalysed).toBeUndefined();
    const dir = tempDir();
    fs.copyFileSync(path.join(planFixture, 'main.tf.json'), path.join(dir, 'main.tf.json'));
    const without = analyse(dir, { usage, today: '2026-01-01' });
    const reason = 'not analysed (module): its source ./mod does not exist beside the calling configuration';
    expect(notPriced(without)['module.alerts']).toBe(reason);
    expect(without.policy.notAnalysed).toEqual([{ stack: without.catalog.sources[0].stack, address: 'module.alerts', reason }]);
    expect(without.catalog.notAnalysed).toEqual(without.policy.notAnalysed);
  });

  it('a module-only configuration says it was not analysed, not "0 errors, $0.00"', () => {
    const a = analyseFiles({ 'main.tf.json': { module: { vpc: { source: 'terraform-aws-modules/vpc/aws', version: '5.0.0' }, eks: { source: 'terraform-aws-modules/eks/aws' } } } });
    expect(a.cost.notPriced.resources.map((r) => `${r.type} ${r.address}`)).toEqual(['module module.eks', 'module module.vpc']);
    expect(a.policy.notAnalysed?.map((x) => x.address)).toEqual(['module.eks', 'module.vpc']);
    expect(a.catalog.notAnalysed?.map((x) => x.address)).toEqual(['module.eks', 'module.vpc']);
  });

  it('counts an unknown count as not priced, with the reason', () => {
    const a = analyseFiles({
      'main.tf.json': {
        provider: { aws: { region: 'us-east-1' } },
        variable: { n: { type: 'number' } },
        resource: { aws_instance: { web: { count: '${var.n}', ami: 'ami-1', instance_type: 't3.small' } } },
      },
    });
    expect(notPriced(a)).toEqual({ 'aws_instance.web': 'count is "${var.n}", not known before a plan' });
  });

  it('reads dynamic blocks and variable defaults in guardrails: world-open SSH and RDP are flagged', () => {
    const a = analyseFiles({
      'main.tf.json': {
        provider: { aws: { region: 'us-east-1' } },
        variable: { ports: { default: [22, 3389] }, open: { default: '0.0.0.0/0' } },
        resource: {
          aws_security_group: {
            dynamic_open: { name: 'a', dynamic: { ingress: [{ for_each: '${var.ports}', content: [{ from_port: '${ingress.value}', to_port: '${ingress.value}', protocol: 'tcp', cidr_blocks: ['0.0.0.0/0'] }] }] } },
            variable_open: { name: 'b', ingress: [{ from_port: 22, to_port: 22, protocol: 'tcp', cidr_blocks: ['${var.open}'] }] },
          },
        },
      },
    });
    const open = a.policy.findings.filter((f) => f.rule === 'aws/no-open-ingress').map((f) => f.address);
    expect(open).toEqual(['aws_security_group.dynamic_open', 'aws_security_group.variable_open']);
  });

  it('recognises a public access block that references its bucket by index', () => {
    const a = analyseFiles({
      'main.tf.json': {
        provider: { aws: { region: 'us-east-1' } },
        resource: {
          aws_s3_bucket: { this: { count: 1, bucket: 'logs' } },
          aws_s3_bucket_public_access_block: { this: { count: 1, bucket: '${aws_s3_bucket.this[0].id}', block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true } },
        },
      },
    });
    expect(a.policy.findings.filter((f) => f.rule === 'aws/s3-public-access-block')).toEqual([]);
  });
});

describe('hostile numbers', () => {
  const db = (extra: Record<string, unknown>) => ({
    'main.tf.json': { provider: { aws: { region: 'us-east-1' } }, resource: { aws_db_instance: { main: { engine: 'postgres', instance_class: 'db.t3.micro', ...extra } } } },
  });

  it.each([
    [-100, 'sets allocated_storage to -100'],
    [1e308, 'sets allocated_storage to 1e+308'],
    ['1e999', 'sets allocated_storage to "1e999"'],
  ])('refuses allocated_storage %p with a sentence naming the stack, address and attribute', (value, phrase) => {
    const message = errorOf(() => analyseFiles(db({ allocated_storage: value })));
    expect(message).toMatch(/^groundwork-any-\w+: aws_db_instance\.main /);
    expect(message).toContain(`${phrase}, which is not a quantity Groundwork can price: it must be a number from 0 to 1000000.`);
  });

  it('lists an expression as not priced, with the reason', () => {
    expect(notPriced(analyseFiles(db({ allocated_storage: '${var.size}' })))).toEqual({ 'aws_db_instance.main': 'allocated_storage is not a literal ("${var.size}")' });
  });

  it.each([[-1], [1e9], [1.5], ['three'], ['${-2}']])('refuses count %p', (count) => {
    const message = errorOf(() => analyseFiles({ 'main.tf.json': { resource: { aws_sqs_queue: { q: { count } } } } }));
    expect(message).toMatch(/: aws_sqs_queue\.q sets count to .*, which is not a whole number of instances from 0 to 10000\.$/);
  });

  it('multiplies the priced quantity by count and shows each instance in the catalog', () => {
    const a = analyseFiles({ 'main.tf.json': { provider: { aws: { region: 'us-east-1' } }, resource: { aws_instance: { web: { count: 3, ami: 'ami-1', instance_type: 't3.small', tags: { service: 'web', owner: 'web-team' } } } } } });
    expect(priced(a)).toEqual(['aws_instance.web[0]', 'aws_instance.web[1]', 'aws_instance.web[2]']);
    expect(a.cost.total.monthlyUsd).toBeCloseTo(3 * a.cost.resources[0].monthlyUsd, 2);
    expect(a.catalog.entities.filter((e) => e.kind === 'resource').map((e) => e.terraform[0].address)).toEqual(['aws_instance.web[0]', 'aws_instance.web[1]', 'aws_instance.web[2]']);
  });
});

describe('tag values and keys from other conventions', () => {
  it('an owner tag with a space still gives a valid catalog with valid relations', () => {
    const a = analyseFiles({ 'main.tf.json': { resource: { aws_sqs_queue: { q: { name: 'q', tags: { owner: 'Payments Team', service: 'Checkout API', environment: 'prod' } } } } } });
    expect(() => checkContract('catalog', a.catalog, 'catalog.json')).not.toThrow();
    const service = a.catalog.entities.find((e) => e.kind === 'service')!;
    expect(service.relations).toContainEqual({ type: 'ownedBy', target: 'team:Payments-Team' });
    expect(a.catalog.entities.map((e) => e.id)).toContain('team:Payments-Team');
  });

  it('one alias mapping: resources and spend read the same conventions', () => {
    expect(withTagAliases({ Team: 'payments', Environment: 'prod', owner: 'platform' })).toEqual({ Team: 'payments', Environment: 'prod', owner: 'platform', environment: 'prod' });
    expect(withTagAliases({ Team: 'payments' }, { Team: 'cost-center' })).toEqual({ Team: 'payments', 'cost-center': 'payments' });
    expect(DEFAULT_TAG_CANDIDATES.owner).toEqual(['owner', 'Owner', 'team', 'Team']);
    expect(DEFAULT_TAG_CANDIDATES.environment.slice(0, 3)).toEqual(['environment', 'Environment', 'env']);
  });
});

describe('IAM policies written with data.aws_iam_policy_document', () => {
  const withDocument = (statement: Record<string, unknown>) =>
    analyseFiles({
      'main.tf.json': {
        provider: { aws: { region: 'us-east-1' } },
        variable: { actions: { default: ['sqs:SendMessage'] } },
        data: { aws_iam_policy_document: { doc: [{ statement: [statement] }] } },
        resource: {
          aws_sqs_queue: { q: { name: 'q', sqs_managed_sse_enabled: true } },
          aws_iam_policy: { p: { name: 'p', policy: '${data.aws_iam_policy_document.doc.json}' } },
        },
      },
    }).policy.findings.filter((f) => f.rule === 'aws/iam-no-admin-wildcard');

  it('reads the document it produces: a scoped statement passes', () => {
    expect(withDocument({ actions: '${var.actions}', resources: ['${aws_sqs_queue.q.arn}'] })).toEqual([]);
  });

  it('flags allow * on * written as a document', () => {
    expect(withDocument({ actions: ['*'], resources: ['*'] }).map((f) => f.message)).toEqual(['allows every action ("*") on every resource ("*") (statement 1)']);
  });
});

describe('guardrails where checkov found Groundwork wrong', () => {
  const findings = (resource: Record<string, unknown>, rule: string) =>
    analyseFiles({ 'main.tf.json': { provider: { aws: { region: 'us-east-1' } }, resource } }).policy.findings.filter((f) => f.rule === rule).map((f) => f.address);

  it('an Aurora Serverless v1 cluster is encrypted by AWS', () => {
    expect(findings({ aws_rds_cluster: { v1: { engine: 'aurora-postgresql', engine_mode: 'serverless' }, provisioned: { engine: 'aurora-postgresql' } } }, 'aws/rds-encrypted')).toEqual(['aws_rds_cluster.provisioned']);
  });

  it('an empty kms_master_key_id does not encrypt a queue', () => {
    expect(findings({ aws_sqs_queue: { q: { name: 'q', kms_master_key_id: '' } } }, 'aws/sqs-encryption')).toEqual(['aws_sqs_queue.q']);
  });

  it('a github_repository with neither visibility nor private is public', () => {
    expect(findings({ github_repository: { r: { name: 'r' }, p: { name: 'p', visibility: 'private' } } }, 'github/private-visibility')).toEqual(['github_repository.r']);
  });

  it('S3 encryption written in a dynamic block is read', () => {
    const bucket = {
      aws_s3_bucket: { b: { bucket: 'b' } },
      aws_s3_bucket_server_side_encryption_configuration: {
        b: { bucket: '${aws_s3_bucket.b.id}', dynamic: { rule: [{ for_each: ['aws:kms'], content: [{ apply_server_side_encryption_by_default: [{ sse_algorithm: '${rule.value}' }] }] }] } },
      },
    };
    expect(findings(bucket, 'aws/s3-encryption')).toEqual([]);
  });
});

describe('resolved values stay literal', () => {
  it('a variable default or for_each key holding ${...} is written escaped, never as an interpolation', () => {
    const records = readResources([
      {
        stack: 's',
        files: [],
        json: {
          variable: { evil: { default: '${file("/etc/passwd")}' } },
          locals: { a: '${local.b}', b: '${local.a}', f: '${format("%s-%d", var.evil, 3)}' },
          resource: { aws_sqs_queue: { q: { name: '${var.evil}', tags: { Name: '${local.f}', cycle: '${local.a}' } }, e: { for_each: { '%{x}': 1 }, name: '${each.key}' } } },
        },
      },
    ]);
    expect(records.map((r) => [r.address, r.body.name, r.tags])).toEqual([
      ['aws_sqs_queue.e["%{x}"]', '%%{x}', {}],
      ['aws_sqs_queue.q', '$${file("/etc/passwd")}', { Name: '${file("/etc/passwd")}-3' }],
    ]);
    expect((records[1].body.tags as Record<string, unknown>).cycle).toBe('${local.a}');
  });
});
