/**
 * Issue 26, item 7: Groundwork as a scanner other repositories run. The `npm pack` tarball is
 * installed into an empty folder (from npm's cache where it holds a package, else the npm registry:
 * no repository checkout), and its `groundwork` command judges a Terraform folder of another "repository": checkov's exit
 * statuses, and `policy --format sarif` valid against the SARIF 2.1.0 schema (as shipped in
 * @microsoft/jest-sarif) and against what GitHub code scanning's upload accepts.
 */
import '@microsoft/jest-sarif';
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { cleanUp, tempDir } from './helpers/synth';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R> {
      toBeValidSarifLog(): R;
    }
  }
}

afterAll(cleanUp);
const repo = path.join(__dirname, '..');
const TAGS = { owner: 'payments', service: 'orders', environment: 'staging', 'cost-center': 'CC-1' };

/** Another team's repository: a git top level with Terraform JSON in infra/. */
function otherRepository(resources: Record<string, unknown>): string {
  const root = tempDir('groundwork-other-repo-');
  fs.mkdirSync(path.join(root, '.git'));
  fs.mkdirSync(path.join(root, 'infra'));
  const tf = { provider: { aws: [{ region: 'us-east-1' }] }, resource: resources };
  fs.writeFileSync(path.join(root, 'infra', 'main.tf.json'), `${JSON.stringify(tf, null, 2)}\n`);
  return root;
}

let bin: string;
let packed: string[];
beforeAll(() => {
  const out = tempDir('groundwork-pack-');
  // dist/ is built by the global setup; --ignore-scripts keeps prepack from building it again meanwhile.
  const [result] = JSON.parse(execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', out], { cwd: repo, encoding: 'utf8' }));
  packed = result.files.map((f: { path: string }) => f.path);
  const install = tempDir('groundwork-install-');
  fs.writeFileSync(path.join(install, 'package.json'), '{"name":"scanner-user","version":"1.0.0","private":true}\n');
  execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', path.join(out, result.filename)], { cwd: install, encoding: 'utf8', stdio: 'pipe' });
  bin = path.join(install, 'node_modules', '.bin', 'groundwork');
}, 300_000);

const run = (args: string[], cwd: string) => spawnSync(bin, args, { cwd, encoding: 'utf8', env: { ...process.env, CI: '' } });

test('the tarball ships the built scanner and its package.json, not the sources or tests', () => {
  expect(packed).toEqual(expect.arrayContaining(['package.json', 'dist/scripts/groundwork.js', 'dist/catalog/policy/aws-sensitive-arguments.json', 'dist/catalog/prices/us-east-1.json']));
  expect(packed.filter((f) => /^(test|catalog|model|scripts|node_modules)\/|\.ts$/.test(f))).toEqual([]);
  const manifest = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8'));
  expect(manifest.name).toBe('@groundwork-platform/groundwork');
  expect(manifest.bin).toEqual({ groundwork: 'dist/scripts/groundwork.js' });
});

test('policy --format sarif from another repository: SARIF 2.1.0, on the file and line of each block, exit 1 on failed checks', () => {
  const root = otherRepository({
    aws_iam_policy: {
      admin: { name: 'admin', policy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}', tags: TAGS },
      // Judged with the IAM action data the installed package depends on.
      writer: { name: 'writer', policy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:PutObject","Resource":"*"}]}', tags: TAGS },
    },
    aws_cloudwatch_log_group: { logs: { name: 'orders', retention_in_days: 30, kms_key_id: 'arn:aws:kms:us-east-1:111122223333:key/k', tags: TAGS } },
  });
  const result = run(['policy', 'infra', '--format', 'sarif'], root);
  expect(result.stderr).toContain('Guardrails: 1 error');
  expect(result.status).toBe(1);
  const log = JSON.parse(result.stdout);
  expect(log).toBeValidSarifLog();
  checkGithubUploadRules(log, root);
  const admin = log.runs[0].results.find((r: any) => r.ruleId === 'aws/iam-no-admin-wildcard');
  const text = fs.readFileSync(path.join(root, 'infra', 'main.tf.json'), 'utf8').split('\n');
  expect(admin.locations[0].physicalLocation).toEqual({ artifactLocation: { uri: 'infra/main.tf.json', uriBaseId: '%SRCROOT%' }, region: { startLine: text.indexOf('      "admin": {') + 1 } });
  expect(admin.level).toBe('error');
  expect(admin.message.text).toBe('aws_iam_policy.admin: allows every action ("*") on every resource ("*") (statement 1)');
  const writer = log.runs[0].results.find((r: any) => r.ruleId === 'aws/iam-no-restrictable-on-any-resource');
  expect([writer.level, writer.message.text]).toEqual(['warning', 'aws_iam_policy.writer: allows s3:PutObject on every resource ("*") (statement 1), though AWS can narrow it to named resources']);
  // The same input gives the same bytes.
  expect(run(['policy', 'infra', '--format', 'sarif'], root).stdout).toBe(result.stdout);
});

test('policy --format sarif on Terraform as written (.tf): each result on its file and the line of its block header', () => {
  const root = otherRepository({});
  fs.rmSync(path.join(root, 'infra', 'main.tf.json'));
  const hcl = [
    'provider "aws" {',
    '  region = "us-east-1"',
    '}',
    '',
    '# Written by hand, as most Terraform is.',
    'resource "aws_iam_policy" "admin" {',
    '  name   = "admin"',
    '  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })',
    `  tags   = ${JSON.stringify(TAGS).replace(/":/g, '" = ')}`,
    '}',
    '',
  ];
  fs.writeFileSync(path.join(root, 'infra', 'iam.tf'), hcl.join('\n'));
  const result = run(['policy', 'infra', '--format', 'sarif'], root);
  expect(result.status).toBe(1);
  const log = JSON.parse(result.stdout);
  expect(log).toBeValidSarifLog();
  checkGithubUploadRules(log, root);
  const admin = log.runs[0].results.find((r: any) => r.ruleId === 'aws/iam-no-admin-wildcard');
  expect(admin.locations[0].physicalLocation).toEqual({ artifactLocation: { uri: 'infra/iam.tf', uriBaseId: '%SRCROOT%' }, region: { startLine: 6 } });
});

test('exit statuses as checkov: 0 passed, 1 failed checks, 2 bad input or usage', () => {
  const clean = otherRepository({ aws_cloudwatch_log_group: { logs: { name: 'orders', retention_in_days: 30, kms_key_id: 'arn:aws:kms:us-east-1:111122223333:key/k', tags: TAGS } } });
  expect(run(['policy', 'infra'], clean).status).toBe(0);
  const catalog = run(['catalog', 'infra'], clean);
  expect([catalog.status, catalog.stdout]).toEqual([0, expect.stringContaining('Catalog of')]);
  const cost = run(['cost', 'infra'], clean);
  expect([cost.status, cost.stdout]).toEqual([0, expect.stringContaining('per month')]);
  const missing = run(['policy', 'no-such-folder'], clean);
  expect([missing.status, missing.stderr]).toEqual([2, 'no-such-folder is not a directory: pass the synthesized output (cdktf.out) or a folder of .tf.json files.\nNothing was written.\n']);
  expect(run(['scan', 'infra'], clean)).toMatchObject({ status: 2, stderr: 'Unknown command "scan": use catalog, cost or policy (groundwork --help says more).\nNothing was written.\n' });
  expect(run([], clean).status).toBe(2);
  expect(run(['policy', 'infra', '--format', 'xml'], clean)).toMatchObject({ status: 2, stderr: expect.stringContaining("argument 'xml' is invalid") });
  expect(run(['policy', '--no-such-flag'], clean).status).toBe(2);
  expect(run(['--help'], clean)).toMatchObject({ status: 0, stdout: expect.stringContaining('Usage: groundwork <command>') });
  expect(run(['policy', '--help'], clean)).toMatchObject({ status: 0, stdout: expect.stringContaining('--format <format>') });
});

/**
 * What GitHub code scanning requires of an upload beyond the schema: a tool name, a ruleId on
 * every result naming a rule the tool describes, at least one location with a URI relative to the
 * repository root (no scheme, no "..", "/"-separated) naming a file that exists, lines from 1,
 * partialFingerprints, and levels GitHub knows.
 */
function checkGithubUploadRules(log: any, root: string): void {
  expect(log.version).toBe('2.1.0');
  expect(log.runs).toHaveLength(1);
  const driver = log.runs[0].tool.driver;
  expect(driver.name).toBe('Groundwork');
  const ruleIds = new Set(driver.rules.map((r: any) => r.id));
  expect(ruleIds.size).toBe(driver.rules.length);
  expect(log.runs[0].results.length).toBeGreaterThan(0);
  for (const result of log.runs[0].results) {
    expect(ruleIds.has(result.ruleId)).toBe(true);
    expect(driver.rules[result.ruleIndex].id).toBe(result.ruleId);
    expect(['error', 'warning', 'note', 'none']).toContain(result.level);
    expect(result.message.text.length).toBeGreaterThan(0);
    expect(Object.keys(result.partialFingerprints).length).toBeGreaterThan(0);
    const physical = result.locations[0].physicalLocation;
    const uri: string = physical.artifactLocation.uri;
    expect(uri).not.toMatch(/^[a-z]+:|^\/|\\|(^|\/)\.\.(\/|$)/);
    expect(fs.existsSync(path.join(root, uri))).toBe(true);
    if (physical.region) expect(Number.isInteger(physical.region.startLine) && physical.region.startLine >= 1).toBe(true);
  }
}
