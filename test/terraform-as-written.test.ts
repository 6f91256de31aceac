/**
 * Terraform as teams write it (issue 26): .tf files read directly and merged with .tf.json and
 * override files, variables from tfvars, --var-file, --var and TF_VAR_, local modules evaluated
 * with their callers, a state as input, and the hostile versions of each.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { analyse, Analysis } from '../catalog/analyse';
import { hclHeaderLines } from '../catalog/terraform/block-headers';
import { readResources } from '../catalog/terraform/ownership-inference';
import { readState } from '../catalog/terraform/state-reader';
import { readTerraformOutput } from '../catalog/terraform/terraform-output';
import type { VariableArgument } from '../catalog/terraform/variable-values';
import { errorOf } from './helpers/error-of';
import { cleanUp, tempDir as newTempDir } from './helpers/synth';

const fixtures = path.join(__dirname, 'fixtures');
const usage = path.join(__dirname, '../usage');
afterAll(cleanUp);
const tempDir = () => newTempDir('groundwork-tf-');

/** A fresh folder holding these files (`{ 'live/main.tf': 'text' }`). */
function folderWith(files: Record<string, string>): string {
  const dir = tempDir();
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const run = (dir: string, inputs: Parameters<typeof analyse>[1] = {}): Analysis => analyse(dir, { usage, today: '2026-01-01', ...inputs });


const everyReport = (a: Analysis) => [...a.files.values()].join('\n');
const priced = (a: Analysis) => a.cost.resources.filter((r) => r.type !== 'free-tier').map((r) => r.address);

describe('a folder of .tf files and its hand-written .tf.json twin', () => {
  const pair = path.join(fixtures, 'hcl-json-pair');
  let hcl: Analysis;
  let json: Analysis;
  /** The folder copied to one name, so both configurations are the same stack. */
  const asApp = (folder: string) => {
    const dir = path.join(tempDir(), 'app');
    fs.cpSync(path.join(pair, folder), dir, { recursive: true });
    return run(dir);
  };
  beforeAll(() => {
    hcl = asApp('hcl');
    json = asApp('json');
  });

  const withoutPlaces = (a: Analysis) => ({
    catalog: { ...a.catalog, sources: undefined },
    cost: a.cost,
    findings: a.policy.findings.map(({ file: _file, line: _line, ...rest }) => rest),
    summary: a.policy.summary,
  });

  it('gives the same catalog, cost and findings', () => {
    expect(hcl.policy.findings.length).toBeGreaterThan(10);
    expect(priced(hcl)).toEqual(['aws_db_instance.main', 'aws_instance.web[0]', 'aws_instance.web[1]', 'aws_sqs_queue.work["orders"]', 'aws_sqs_queue.work["refunds"]']);
    expect(withoutPlaces(hcl)).toEqual(withoutPlaces(json));
    expect(hcl.catalog.sources).toEqual([{ stack: 'app', files: ['main.tf', 'security.tf', 'variables.tf'] }]);
  });

  it('names the file and the line of the block header in each finding, in both syntaxes', () => {
    const open = (a: Analysis) => a.policy.findings.find((f) => f.rule === 'aws/no-open-ingress')!;
    expect([open(hcl).file, open(hcl).line, open(json).file, open(json).line]).toEqual(['security.tf', 2, 'security.tf.json', 5]);
    for (const [a, folder] of [[hcl, 'hcl'], [json, 'json']] as const) {
      for (const f of a.policy.findings) {
        const text = fs.readFileSync(path.join(pair, folder, f.file!), 'utf8').split('\n')[f.line! - 1];
        // A finding may be on a data source too (a policy document is judged where it is written).
        const parts = f.address.replace(/\[.*$/, '').split('.');
        const [block, type, name] = parts[0] === 'data' ? parts : ['resource', ...parts];
        expect(text).toMatch(folder === 'hcl' ? new RegExp(`^${block} "${type}" "${name}" \\{$`) : new RegExp(`^\\s*"${name}": \\{$`));
      }
    }
    expect(hcl.policy.findings.every((f) => f.file && f.line)).toBe(true);
  });

  it('finds headers only where they are blocks: not in comments, strings or heredocs', () => {
    const text = ['# resource "a" "comment" {', '/* resource "a" "block_comment" {', '*/', 'locals {', '  x = "resource \\"a\\" \\"string\\" {"', '  y = <<-EOT', '    resource "a" "heredoc" {', '  EOT', '  z = "${ "}" }"', '}', 'resource "aws_sqs_queue" "real" {', '}'].join('\n');
    expect([...hclHeaderLines(text)]).toEqual([['resource.aws_sqs_queue.real', 11]]);
  });
});

describe('a module tree with tfvars, an override and a state', () => {
  const estate = path.join(fixtures, 'estate');
  let a: Analysis;
  beforeAll(() => {
    a = run(estate);
  });

  it('analyses live/ as the one root: modules/ folders are only called', () => {
    expect(a.catalog.sources.map((s) => s.stack)).toEqual(['live']);
  });

  it('prices every resource inside the modules, expanded by the calls count and for_each, in the caller provider region', () => {
    expect(priced(a)).toEqual([
      'aws_db_instance.main',
      'module.alarms[0].aws_cloudwatch_metric_alarm.queue_depth',
      'module.network.aws_eip.nat[0]',
      'module.network.aws_eip.nat[1]',
      'module.network.aws_nat_gateway.this[0]',
      'module.network.aws_nat_gateway.this[1]',
      'module.queue["decisions"].aws_sqs_queue.dead_letter',
      'module.queue["decisions"].aws_sqs_queue.this',
      'module.queue["intake"].aws_sqs_queue.dead_letter',
      'module.queue["intake"].aws_sqs_queue.this',
    ]);
    expect(new Set(a.cost.resources.map((r) => r.region))).toEqual(new Set(['eu-west-1']));
  });

  it('owns every resource as the caller provider default_tags say (values from terraform.tfvars and the auto tfvars)', () => {
    const owners = new Set(a.cost.resources.filter((r) => r.type !== 'free-tier').map((r) => `${r.team}/${r.service}/${r.environment}`));
    expect(owners).toEqual(new Set(['casework/case-manager/production']));
    expect(a.catalog.entities.filter((e) => e.kind === 'service').map((e) => [e.name, e.owner])).toEqual([['case-manager', 'casework']]);
  });

  it('merges override.tf over main.tf as Terraform does', () => {
    const db = readResources(readTerraformOutput(estate)).find((r) => r.address === 'aws_db_instance.main')!;
    expect([db.body.instance_class, db.body.multi_az, db.body.allocated_storage]).toEqual(['db.t3.medium', true, 100]);
    expect(db.source).toEqual({ file: 'live/main.tf', line: 44 });
  });

  it('names a variable without a value once, with how many resources wait for it', () => {
    expect(a.catalog.notAnalysed).toEqual([
      { stack: 'live', address: 'var.alarm_email_count', reason: 'var.alarm_email_count has no value: set it (terraform.tfvars, --var-file, --var alarm_email_count=..., TF_VAR_alarm_email_count) to analyse 2 resources' },
    ]);
    expect(a.policy.notAnalysed).toEqual(a.catalog.notAnalysed);
  });

  it('--var gives it: the topics are counted and priced, and nothing is left unknown', () => {
    const given = run(estate, { variables: [{ assignment: 'alarm_email_count=3' }] });
    expect(priced(given).filter((x) => x.includes('aws_sns_topic'))).toEqual(['aws_sns_topic.alerts[0]', 'aws_sns_topic.alerts[1]', 'aws_sns_topic.alerts[2]', 'module.alarms[0].aws_sns_topic.pager[0]', 'module.alarms[0].aws_sns_topic.pager[1]', 'module.alarms[0].aws_sns_topic.pager[2]']);
    expect(given.catalog.notAnalysed).toBeUndefined();
  });

  it('never writes a sensitive variable value into a report', () => {
    expect(everyReport(a)).not.toContain('correct-horse-battery-staple');
    const db = readResources(readTerraformOutput(estate)).find((r) => r.address === 'aws_db_instance.main')!;
    expect(db.body.password).toBe('${var.db_password}');
  });

  it('reads the state: what exists, priced; what the configuration no longer declares, listed as orphaned', () => {
    const state = run(tempDir(), { state: path.join(estate, 'live', 'state.json') });
    expect(priced(state)).toContain('module.network.aws_nat_gateway.this[1]');
    expect(priced(state)).toContain('aws_s3_bucket.legacy_uploads');
    expect(state.catalog.notAnalysed).toEqual([{ stack: 'state', address: 'aws_s3_bucket.legacy_uploads', reason: 'in the state but not in the configuration (live): the next apply would destroy it' }]);
    expect(everyReport(state)).not.toContain('correct-horse-battery-staple');
    expect(state.cost.resources.find((r) => r.address === 'aws_db_instance.main')?.monthlyUsd).toBe(a.cost.resources.find((r) => r.address === 'aws_db_instance.main')?.monthlyUsd);
  });

  it.each(['catalog', 'cost', 'policy'])('npm run %s -- --state state.json lists the orphan', (command) => {
    const copy = tempDir();
    fs.cpSync(estate, copy, { recursive: true });
    // A repository, as an estate is: its top level is the analysis root, so ../modules is inside it.
    execFileSync('git', ['init', '-q'], { cwd: copy });
    const script = path.join(__dirname, '../dist/scripts', `${command}.js`);
    let out: string;
    try {
      out = execFileSync(process.execPath, [script, '--state', 'live/state.json', '--usage', usage], { cwd: copy, encoding: 'utf8' });
    } catch (error) {
      out = String((error as { stdout?: string }).stdout); // policy exits 1 on errors; its output is what counts
    }
    expect(out).toContain('NOT ANALYSED state aws_s3_bucket.legacy_uploads: in the state but not in the configuration (live): the next apply would destroy it.');
    expect(fs.existsSync(path.join(copy, 'live', 'groundwork-state-report', 'catalog', 'catalog.json'))).toBe(true);
  });
});

describe('module calls as Terraform evaluates them', () => {
  it('reads a registry module from where terraform init fetched it, with the provider the call passes; references resolve inside the module', () => {
    const dir = folderWith({
      'main.tf': [
        'provider "aws" {',
        '  region = "eu-west-1"',
        '  default_tags {',
        '    tags = { owner = "network-team", service = "edge" }',
        '  }',
        '}',
        'provider "aws" {',
        '  alias  = "virginia"',
        '  region = "us-east-1"',
        '}',
        'module "vpc" {',
        '  source  = "terraform-aws-modules/vpc/aws"',
        '  version = "5.0.0"',
        '  nat_gateways = 2',
        '}',
        'module "dr" {',
        '  source    = "./dr"',
        '  providers = { aws = aws.virginia }',
        '}',
        'module "eks" {',
        '  source = "terraform-aws-modules/eks/aws"',
        '}',
        '',
      ].join('\n'),
      '.terraform/modules/modules.json': JSON.stringify({ Modules: [{ Key: '', Source: '', Dir: '.' }, { Key: 'vpc', Source: 'registry.terraform.io/terraform-aws-modules/vpc/aws', Version: '5.0.0', Dir: '.terraform/modules/vpc' }, { Key: 'dr', Source: './dr', Dir: 'dr' }] }),
      '.terraform/modules/vpc/main.tf': 'variable "nat_gateways" {\n  type = number\n}\nresource "aws_nat_gateway" "this" {\n  count         = var.nat_gateways\n  allocation_id = "eipalloc-1"\n  subnet_id     = "subnet-1"\n}\n',
      'dr/main.tf': 'resource "aws_eip" "standby" {\n  domain = "vpc"\n  tags   = { owner = "resilience", service = "standby" }\n}\nresource "aws_nat_gateway" "standby" {\n  allocation_id = aws_eip.standby.id\n  subnet_id     = "subnet-2"\n}\n',
    });
    const a = run(dir);
    expect(a.cost.resources.filter((r) => r.type !== 'free-tier').map((r) => [r.address, r.region, r.team ?? null])).toEqual([
      ['module.dr.aws_eip.standby', 'us-east-1', 'resilience'],
      // Untagged, it is owned as the resource of its own module instance it references.
      ['module.dr.aws_nat_gateway.standby', 'us-east-1', 'resilience'],
      ['module.vpc.aws_nat_gateway.this[0]', 'eu-west-1', 'network-team'],
      ['module.vpc.aws_nat_gateway.this[1]', 'eu-west-1', 'network-team'],
    ]);
    expect(a.catalog.notAnalysed).toEqual([{ stack: path.basename(dir), address: 'module.eks', reason: 'not analysed (module): terraform-aws-modules/eks/aws is not fetched; run terraform init (it records .terraform/modules/modules.json), or run on a plan' }]);
    expect(a.catalog.sources.map((s) => s.stack)).toEqual([path.basename(dir)]);
  });
});

describe('variables as Terraform loads them', () => {
  const config = ['variable "size" {', '  type = number', '}', 'resource "aws_instance" "web" {', '  count         = var.size', '  ami           = "ami-1"', '  instance_type = "t3.micro"', '}', ''].join('\n');
  const countOf = (dir: string, variables: readonly VariableArgument[] = [], env: NodeJS.ProcessEnv = {}) =>
    readResources(readTerraformOutput(dir, undefined, undefined, { variables, env })).length;

  it('later sources win: TF_VAR_ < terraform.tfvars < terraform.tfvars.json < *.auto.tfvars (lexical) < --var-file and --var in order', () => {
    const dir = folderWith({ 'main.tf': config });
    expect(countOf(dir, [], { TF_VAR_size: '1' })).toBe(1);
    fs.writeFileSync(path.join(dir, 'terraform.tfvars'), 'size = 2\n');
    expect(countOf(dir, [], { TF_VAR_size: '1' })).toBe(2);
    fs.writeFileSync(path.join(dir, 'terraform.tfvars.json'), '{"size": 3}');
    expect(countOf(dir)).toBe(3);
    fs.writeFileSync(path.join(dir, 'b.auto.tfvars'), 'size = 5\n');
    fs.writeFileSync(path.join(dir, 'a.auto.tfvars.json'), '{"size": 4}');
    expect(countOf(dir)).toBe(5);
    fs.writeFileSync(path.join(dir, 'extra.tfvars'), 'size = 6\n');
    expect(countOf(dir, [{ file: path.join(dir, 'extra.tfvars') }])).toBe(6);
    expect(countOf(dir, [{ assignment: 'size=7' }, { file: path.join(dir, 'extra.tfvars') }])).toBe(6);
    expect(countOf(dir, [{ file: path.join(dir, 'extra.tfvars') }, { assignment: 'size=7' }])).toBe(7);
  });

  it('a value of the wrong type is one sentence naming the variable and where, never the value', () => {
    const dir = folderWith({ 'main.tf': config, 'terraform.tfvars': 'size = "seven-secret"\n' });
    const message = errorOf(() => readTerraformOutput(dir));
    expect(message).toBe('terraform.tfvars: the value given for var.size is not a number, the type it declares.');
  });

  it('an expression in a tfvars file, and a --var no root declares, are refused', () => {
    expect(errorOf(() => readTerraformOutput(folderWith({ 'main.tf': config, 'terraform.tfvars': 'size = var.other\n' })))).toBe('terraform.tfvars: var.size is set to an expression; a variables file holds only constant values.');
    expect(errorOf(() => readTerraformOutput(folderWith({ 'main.tf': config }), undefined, undefined, { variables: [{ assignment: 'sise=2' }] }))).toMatch(/^--var sise: no root configuration under .* declares variable "sise"\.$/);
  });
});

describe('hostile configurations: one sentence each', () => {
  it('malformed HCL names the file, line and column', () => {
    const dir = folderWith({ 'main.tf': 'resource "aws_sqs_queue" "q" {\n  name = \n}\n' });
    expect(errorOf(() => readTerraformOutput(dir))).toMatch(/^main\.tf is not valid HCL: line 2, column \d+: .+\.$/);
  });

  it('nesting deep enough to overflow a parser, in a .tf or a tfvars file, before the parser sees it', () => {
    expect(errorOf(() => run(folderWith({ 'main.tf': `locals {\n  x = ${'['.repeat(100000)}${']'.repeat(100000)}\n}\n` })))).toBe('main.tf nests more than 200 levels deep: not a configuration to read.');
    expect(errorOf(() => run(folderWith({ 'main.tf': 'variable "v" {}\n', 'terraform.tfvars': `v = "${'${"'.repeat(3000)}"\n` })))).toBe('terraform.tfvars nests more than 200 levels deep: not a configuration to read.');
  });

  it('a module cycle', () => {
    const dir = folderWith({ 'live/main.tf': 'module "a" {\n  source = "../a"\n}\n', 'a/main.tf': 'module "b" {\n  source = "../b"\n}\n', 'b/main.tf': 'module "a" {\n  source = "../a"\n}\n' });
    expect(errorOf(() => run(dir))).toMatch(/^module\.a \(b\/main\.tf:1\) calls a, which is already calling it: module calls form a cycle, which Terraform refuses\.$/);
  });

  it('a module source leading out of the analysis root', () => {
    const dir = folderWith({ 'main.tf': 'module "etc" {\n  source = "../../../../etc"\n}\n' });
    expect(errorOf(() => run(dir))).toMatch(/^module\.etc \(main\.tf:1\): its source "\.\.\/\.\.\/\.\.\/\.\.\/etc" leads outside the analysis root .*: inputs are read only inside it \(--root <dir> sets the root\)\.$/);
  });

  it('a .tf file that is a symlink out of the root', () => {
    const outside = folderWith({ 'secret.tf': 'resource "aws_sqs_queue" "q" {}\n' });
    const dir = folderWith({ 'main.tf': 'resource "aws_sqs_queue" "r" {}\n' });
    fs.symlinkSync(path.join(outside, 'secret.tf'), path.join(dir, 'linked.tf'));
    expect(errorOf(() => run(dir))).toMatch(/^linked\.tf leads outside the analysis root/);
  });

  it('counts multiplied through modules past what an estate holds', () => {
    const dir = folderWith({
      'main.tf': 'module "many" {\n  source = "./m"\n  count  = 10000\n}\n',
      'm/main.tf': 'resource "aws_sqs_queue" "q" {\n  count = 10000\n  name  = "q"\n}\n',
    });
    expect(errorOf(() => run(dir))).toMatch(/^groundwork-tf-\w+: module\.many\[\d+\]\.aws_sqs_queue\.q takes the configuration past 200000 resource instances/);
    const empty = folderWith({ 'main.tf': 'module "outer" {\n  source = "./a"\n  count  = 10000\n}\n', 'a/main.tf': 'module "inner" {\n  source = "../b"\n  count  = 10000\n}\n', 'b/main.tf': 'locals {\n  nothing = true\n}\n' });
    expect(errorOf(() => run(empty))).toMatch(/^groundwork-tf-\w+: module\.outer\[\d+\]\.module\.inner\[\d+\] takes the configuration past 20000 module instances/);
  });

  it('a module tree that doubles at every level', () => {
    const files: Record<string, string> = { 'main.tf': 'module "l0" {\n  source = "./m0"\n}\n' };
    for (let i = 0; i < 30; i++) files[`m${i}/main.tf`] = `module "a" {\n  source = "../m${i + 1}"\n}\nmodule "b" {\n  source = "../m${i + 1}"\n}\n`;
    files['m30/main.tf'] = 'locals {\n  leaf = true\n}\n';
    expect(errorOf(() => run(folderWith(files)))).toMatch(/^module\.[ab] \(m\d+\/main\.tf:\d\) takes the module tree past 20000 calls/);
  });

  it('an override without a base, and a resource declared twice', () => {
    expect(errorOf(() => run(folderWith({ 'main.tf': 'resource "aws_sqs_queue" "q" {}\n', 'x_override.tf': 'resource "aws_sqs_queue" "r" {}\n' })))).toBe('x_override.tf overrides aws_sqs_queue.r, which no other file of its folder declares: Terraform refuses an override without a base.');
    expect(errorOf(() => run(folderWith({ 'a.tf': 'resource "aws_sqs_queue" "q" {}\n', 'b.tf.json': '{"resource": {"aws_sqs_queue": {"q": {}}}}' })))).toBe('b.tf.json:1: aws_sqs_queue.q is declared again (first in a.tf:1); Terraform allows one block of that name.');
  });

  it('a raw terraform.tfstate of another version, and one with sensitive attributes', () => {
    const dir = folderWith({ 'old.tfstate': '{"version": 3, "resources": []}' });
    expect(errorOf(() => readState(path.join(dir, 'old.tfstate')))).toBe('old.tfstate is a Terraform state of version 3; only version 4 (Terraform 0.12 and later) is read.');
    const raw = {
      version: 4,
      terraform_version: '1.11.4',
      resources: [
        {
          module: 'module.db',
          mode: 'managed',
          type: 'aws_db_instance',
          name: 'this',
          provider: 'provider["registry.terraform.io/hashicorp/aws"]',
          instances: [{ index_key: 0, attributes: { instance_class: 'db.t3.micro', engine: 'postgres', allocated_storage: 20, password: 'swordfish-9', arn: 'arn:aws:rds:us-east-1:1:db:x' }, sensitive_attributes: [[{ type: 'get_attr', value: 'password' }]] }],
        },
      ],
    };
    fs.writeFileSync(path.join(dir, 'terraform.tfstate'), JSON.stringify(raw));
    const state = readState(path.join(dir, 'terraform.tfstate'));
    expect(state.planned!.map((i) => [i.address, i.body.password, i.providers])).toEqual([['module.db.aws_db_instance.this[0]', '${(sensitive value)}', { aws: [{ region: 'us-east-1' }] }]]);
    expect(everyReport(run(tempDir(), { state: path.join(dir, 'terraform.tfstate') }))).not.toContain('swordfish');
  });
});
