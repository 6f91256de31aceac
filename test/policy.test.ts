import { PostgresDatabase } from '../constructs/postgres-database';
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { DeploymentV1 } from '@cdktf/provider-kubernetes/lib/deployment-v1';
import { App } from 'cdktf';
import { analyse, writeAnalysis } from '../catalog/analyse';
import type { PolicyReport } from '../catalog/policy/report';
import { ALL_RULES } from '../catalog/policy/packs';
import { suppress } from '../constructs/suppress';
import { HttpService } from '../golden-paths/http-service';
import type { Organisation } from '../golden-paths/organisation';
import { buildOrganisation } from '../stacks/app';
import { synthesizeAtomically } from '../synth/synthesize';
import { cleanUp, errorOf, tempDir } from './helpers/synth';

const cases: Record<string, { pass: object; fail: object }> = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures/policy/rule-cases.json'), 'utf8'));
const mainJs = path.join(__dirname, '../dist/stacks/main.js');
const policyJs = path.join(__dirname, '../dist/scripts/policy.js');
afterAll(cleanUp);

function policyOf(tf: object): PolicyReport {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'main.tf.json'), JSON.stringify(tf));
  return analyse(dir).policy;
}

describe('every rule has a failing and a passing fixture', () => {
  test('all rules are covered', () => {
    expect(Object.keys(cases).sort()).toEqual([...ALL_RULES.keys()].sort());
  });
  for (const [rule, { pass, fail }] of Object.entries(cases)) {
    test(rule, () => {
      const failing = policyOf(fail).findings.filter((f) => f.rule === rule);
      expect(failing).toHaveLength(1);
      expect(failing[0]).toMatchObject({ severity: ALL_RULES.get(rule)!.severity, pack: ALL_RULES.get(rule)!.pack, message: expect.any(String), fix: expect.any(String) });
      expect(policyOf(pass).findings.filter((f) => f.rule === rule)).toEqual([]);
    });
  }
});

test('plain Terraform JSON with known violations gets exactly those findings', () => {
  const dir = tempDir();
  fs.cpSync(path.join(__dirname, 'fixtures/plain-terraform'), dir, { recursive: true });
  const { findings, tagCoverage } = analyse(dir).policy;
  expect(findings.map((f) => `${f.severity} ${f.rule} ${f.stack}/${f.address}`)).toEqual([
    'error aws/rds-backups payments/aws_db_instance.orders',
    'error aws/rds-deletion-protection payments/aws_db_instance.orders',
    'error aws/rds-multi-az payments/aws_db_instance.orders',
    'error aws/s3-public-access-block payments/aws_s3_bucket.invoices',
    'error aws/s3-public-access-block payments/aws_s3_bucket.scratch',
    'error tagging/required-tags payments/aws_s3_bucket.scratch',
    'error github/branch-protection shared/github_repository.orders',
    'error github/codeowners-write-access shared/github_repository.orders',
    'error kubernetes/requests-limits shared/kubernetes_deployment.orders',
    'error kubernetes/run-as-non-root shared/kubernetes_deployment.orders',
    'error tagging/required-tags shared/kubernetes_deployment.orders',
    'warning aws/s3-encryption payments/aws_s3_bucket.invoices',
    'warning aws/s3-encryption payments/aws_s3_bucket.scratch',
    'warning aws/s3-versioning payments/aws_s3_bucket.scratch',
    'warning github/dependabot-security-updates shared/github_repository.orders',
    'warning github/secret-scanning shared/github_repository.orders',
    'warning kubernetes/probes shared/kubernetes_deployment.orders',
  ]);
  expect(findings.find((f) => f.address === 'aws_s3_bucket.scratch' && f.rule === 'tagging/required-tags')!.message).toBe('lacks the ownership tags owner, service');
  expect(tagCoverage.overall).toEqual({ taggable: 8, fullyTagged: 6, percent: 75 });
  expect(tagCoverage.byStack.payments).toEqual({ taggable: 6, fullyTagged: 5, percent: 83.3 });
});

describe('the example organisation', () => {
  let report: PolicyReport;
  let outdir: string;
  beforeAll(() => {
    outdir = path.join(tempDir(), 'cdktf.out');
    execFileSync('node', [mainJs], { cwd: path.join(__dirname, '..'), env: { ...process.env, CDKTF_OUTDIR: outdir } });
    report = JSON.parse(fs.readFileSync(path.join(outdir, 'catalog/policy.json'), 'utf8'));
  });

  test('passes with zero errors and zero warnings, 100% tagged (the two deploy roles\' administrator access suppressed with a reason)', () => {
    expect(report.summary).toEqual({ errors: 0, warnings: 0, infos: 0, suppressed: 2, passed: true });
    expect(report.tagCoverage.overall.percent).toBe(100);
    expect(Object.keys(report.tagCoverage.byStack)).toEqual(['bootstrap', 'github', 'production-aws', 'production-kubernetes', 'staging-aws', 'staging-kubernetes']);
  });

  test('scorecards: levels and failing checks per service, also on the catalog', () => {
    const levels = Object.fromEntries(report.scorecards.map((s) => [s.service, s.level]));
    // Built-in dashboards count; the repository's docs skeleton links runbook and docs by default,
    // and its security settings pass the repository checks: every golden-path service is gold.
    expect(new Set(Object.values(levels))).toEqual(new Set(['gold']));
    expect(Object.keys(levels)).toHaveLength(11);
    const ledger = report.scorecards.find((s) => s.service === 'ledger')!;
    expect(ledger.checks.map((c) => c.id)).toEqual(expect.arrayContaining(['runbook', 'docs', 'secret-scanning', 'dependency-updates', 'required-checks']));
    const catalog = JSON.parse(fs.readFileSync(path.join(outdir, 'catalog/catalog.json'), 'utf8'));
    expect(catalog.entities.find((e: any) => e.id === 'service:ledger').scorecard).toEqual({ level: 'gold', failing: [] });
    // Without the repository's security settings the service drops to bronze, the checks saying why.
    const plain = path.join(tempDir(), 'plain');
    fs.cpSync(path.join(__dirname, 'fixtures/plain-terraform'), plain, { recursive: true });
    const orders = analyse(plain).policy.scorecards.find((s) => s.service === 'orders')!;
    expect(orders.checks.filter((c) => !c.passed).map((c) => c.id)).toEqual(expect.arrayContaining(['secret-scanning', 'dependency-updates']));
  });
});

/** The example organisation plus a deliberately broken service. */
function brokenOrganisation(withSuppressions: boolean) {
  return (app: App): Organisation => {
    const org = buildOrganisation(app);
    const broken = new HttpService(org, 'broken', { owner: 'data', description: 'Breaks the rules on purpose', version: '1.0.0', database: true, environments: ['staging'] });
    const db = broken.environments.staging.database as PostgresDatabase;
    db.instance.publiclyAccessible = true;
    new S3Bucket(org.environments.staging.aws, 'untagged-bucket', { bucket: 'acme-untagged' });
    new DeploymentV1(broken.environments.staging.workload, 'privileged', {
      metadata: { name: 'privileged', namespace: 'broken' },
      spec: {
        selector: { matchLabels: { app: 'privileged' } },
        template: {
          metadata: { labels: { app: 'privileged' } },
          spec: { container: [{ name: 'agent', image: 'agent:2.0.0', resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '100m', memory: '64Mi' } }, securityContext: { runAsNonRoot: true, privileged: true }, readinessProbe: { exec: { command: ['true'] } }, livenessProbe: { exec: { command: ['true'] } } }] },
        },
      },
    });
    if (withSuppressions) suppress(broken.environments.staging.database!, 'aws/rds-not-public', 'Vendor migration tool connects from outside until 2027-01; ticket SEC-123');
    return org;
  };
}

describe('a deliberately broken service fails synth, naming each problem and where it is', () => {
  test('untagged bucket, publicly accessible database, privileged pod', () => {
    // The untagged bucket is caught at synth by the ownership check, before any report is written.
    const message = errorOf(() => synthesizeAtomically(brokenOrganisation(false), path.join(tempDir(), 'out')));
    expect(message).toContain('[staging-aws/untagged-bucket] AWS resource aws_s3_bucket lacks the ownership tags owner, service, cost-center, data-classification');
  });

  test('the guardrails name the database and the pod (stack, address, construct path)', () => {
    const outdir = path.join(tempDir(), 'out');
    let policy!: PolicyReport;
    synthesizeAtomically(
      (app: App) => {
        const org = brokenOrganisation(false)(app);
        // Let the bucket through synth's own check (a hand-added tag) to see what the guardrails say about the rest.
        suppressUntaggedForTest(org);
      },
      outdir,
      (dir) => (policy = writeAnalysis(dir).policy),
    );
    const errors = policy.findings.filter((f) => f.severity === 'error' && !f.suppressed);
    expect(errors.map((f) => [f.rule, f.stack, f.constructPath])).toEqual([
      ['aws/rds-not-public', 'staging-aws', 'staging-aws/broken/database/instance'],
      ['aws/s3-public-access-block', 'staging-aws', 'staging-aws/untagged-bucket'],
      ['kubernetes/no-privileged', 'staging-kubernetes', 'staging-kubernetes/broken/privileged'],
    ]);
    expect(errors[0].address).toMatch(/^aws_db_instance\.broken_database_instance_/);
    expect(errors[0].message).toBe('is publicly accessible (publicly_accessible = true)');
    expect(errors[2].message).toBe('container agent runs privileged');
    expect(policy.summary.passed).toBe(false);
  });

  test('the compiled app exits 1 with the short list, and still writes policy.json', () => {
    const dir = tempDir();
    // A copy of the project's app wiring with the broken service added, run like cdktf runs the app.
    const out = path.join(dir, 'cdktf.out');
    const script = path.join(dir, 'run.js');
    fs.writeFileSync(
      script,
      `process.chdir(${JSON.stringify(path.join(__dirname, '..'))});
       const { HttpService } = require(${JSON.stringify(path.join(__dirname, '../dist/golden-paths/http-service.js'))});
       const services = require(${JSON.stringify(path.join(__dirname, '../dist/stacks/services/index.js'))}).services;
       services.push((org) => { const s = new HttpService(org, 'broken', { owner: 'data', description: 'x', version: '1.0.0', database: true, environments: ['staging'] }); s.environments.staging.database.instance.publiclyAccessible = true; });
       require(${JSON.stringify(mainJs)});`,
    );
    const result = spawnSync('node', [script], { env: { ...process.env, CDKTF_OUTDIR: out }, encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Guardrails: 1 errors, 0 warnings, 2 suppressed');
    expect(result.stderr).toMatch(/ERROR {3}aws\/rds-not-public: staging-aws aws_db_instance\.broken_database_instance_\w+ \(staging-aws\/broken\/database\/instance\) is publicly accessible/);
    expect(result.stderr).toContain('Synth stopped on guardrail errors');
    expect(result.stderr).not.toContain('    at ');
    expect(JSON.parse(fs.readFileSync(path.join(out, 'catalog/policy.json'), 'utf8')).summary.errors).toBe(1);
  });
});

/** Tags the deliberately untagged bucket so synth's ownership check lets it through to the guardrails. */
function suppressUntaggedForTest(org: Organisation): void {
  const bucket = org.environments.staging.aws.node.tryFindChild('untagged-bucket') as S3Bucket;
  bucket.tags = { owner: 'data', service: 'broken', 'cost-center': 'CC-4001', 'data-classification': 'internal' };
}

describe('suppressions', () => {
  test('on a construct: applied, reported with its reason, never silent', () => {
    let policy!: PolicyReport;
    synthesizeAtomically(
      (app: App) => suppressUntaggedForTest(brokenOrganisation(true)(app)),
      path.join(tempDir(), 'out'),
      (dir) => (policy = writeAnalysis(dir).policy),
    );
    const suppressed = policy.findings.filter((f) => f.suppressed && f.stack !== 'bootstrap');
    expect(suppressed.map((f) => [f.rule, f.constructPath, f.suppressed])).toEqual([
      ['aws/rds-not-public', 'staging-aws/broken/database/instance', { reason: 'Vendor migration tool connects from outside until 2027-01; ticket SEC-123', source: 'construct staging-aws/broken/database' }],
    ]);
    // 3: this one and the bootstrap stack's two deploy roles (administrator access, with its reason).
    expect(policy.summary).toMatchObject({ errors: 2, suppressed: 3 });
    expect(policy.suppressions.filter((s) => !(s.path ?? '').startsWith('bootstrap/'))).toEqual([expect.objectContaining({ rule: 'aws/rds-not-public', applied: 1, expired: false })]);
  });

  test('in a reviewed file: applied by stack/address or path; expired and unused ones reported', () => {
    const dir = tempDir();
    fs.cpSync(path.join(__dirname, 'fixtures/plain-terraform'), dir, { recursive: true });
    const file = path.join(dir, 'suppressions.yaml');
    fs.writeFileSync(
      file,
      [
        'suppressions:',
        '  - rule: aws/s3-public-access-block',
        '    stack: payments',
        '    address: aws_s3_bucket.scratch',
        '    reason: Scratch bucket of the data migration, deleted in December',
        '    reviewedBy: security',
        '  - rule: kubernetes/probes',
        '    stack: shared',
        '    reason: Batch-like service without an HTTP endpoint yet',
        '    expires: 2020-01-01',
        '  - rule: aws/rds-encrypted',
        '    stack: payments',
        '    reason: Kept to show unused suppressions are reported',
      ].join('\n'),
    );
    const { policy } = analyse(dir, { suppressions: file, today: '2026-11-22' });
    expect(policy.findings.filter((f) => f.suppressed).map((f) => f.rule)).toEqual(['aws/s3-public-access-block']);
    expect(policy.suppressions.map((s) => [s.rule, s.applied, s.expired])).toEqual([
      ['aws/s3-public-access-block', 1, false],
      ['kubernetes/probes', 0, true],
      ['aws/rds-encrypted', 0, false],
    ]);
  });

  test('a suppression without a reason, or of an unknown rule, is refused', () => {
    const dir = tempDir();
    fs.cpSync(path.join(__dirname, 'fixtures/plain-terraform'), dir, { recursive: true });
    const file = path.join(dir, 'suppressions.yaml');
    fs.writeFileSync(file, 'suppressions:\n  - rule: aws/s3-public-access-block\n    stack: payments\n');
    expect(errorOf(() => analyse(dir, { suppressions: file }))).toContain('suppressions[0] is missing the required property "reason"');
    fs.writeFileSync(file, 'suppressions:\n  - rule: aws/no-such-rule\n    stack: payments\n    reason: because we said so, really\n');
    expect(errorOf(() => analyse(dir, { suppressions: file }))).toContain('"aws/no-such-rule" is not a rule');
    expect(errorOf(() => suppress(new App(), 'aws/rds-not-public', 'meh'))).toContain('needs a reason a reviewer can judge');
  });
});

test('npm run policy -- <dir>: exit 1 on errors, 0 when clean', () => {
  const dir = tempDir();
  fs.cpSync(path.join(__dirname, 'fixtures/plain-terraform'), dir, { recursive: true });
  const failing = spawnSync('node', [policyJs, dir], { encoding: 'utf8' });
  expect(failing.status).toBe(1);
  expect(failing.stdout).toContain('Guardrails: 11 errors, 6 warnings, 0 suppressed; tag coverage 75%.');
  const clean = tempDir();
  fs.writeFileSync(path.join(clean, 'main.tf.json'), JSON.stringify((cases['aws/sqs-encryption'] as any).pass));
  expect(spawnSync('node', [policyJs, clean], { encoding: 'utf8' }).status).toBe(0);
});
