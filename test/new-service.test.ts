import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { analyse } from '../catalog/analyse';
import { Catalog, isKind } from '../catalog/service-catalog/catalog-model';
import { synthesizeAtomically } from '../synth/synthesize';
import { unexpectedlyNotPriced } from './helpers/not-yet-priced';
import { projectCopy } from './helpers/project';
import { cleanUp } from './helpers/synth';

const repo = path.join(__dirname, '..');
const cli = path.join(repo, 'dist/scripts/new-service.js');
afterAll(cleanUp);

const project = projectCopy;

const run = (root: string, ...args: string[]) => spawnSync('node', [cli, '--root', root, ...args], { encoding: 'utf8' });
const snapshot = (root: string) => Object.fromEntries(fs.readdirSync(path.join(root, 'stacks/services')).sort().map((f) => [f, fs.readFileSync(path.join(root, 'stacks/services', f), 'utf8')]));

describe('a scaffolded service of each golden path synthesizes, owned, priced and within the guardrails', () => {
  let root: string;
  let catalog: Catalog;
  let analysis: ReturnType<typeof analyse>;
  beforeAll(() => {
    root = project();
    const created = [
      ['--name', 'search-api', '--golden-path', 'http-service', '--owner', 'storefront', '--description', 'Product search', '--database', 'small', '--replicas', '2', '--tag', 'data-classification=public', '--runbook', 'https://runbooks.acme.example/search'],
      ['--name', 'mailer', '--golden-path', 'worker', '--owner', 'platform', '--description', 'Sends e-mail from a queue', '--messages-per-replica', '20', '--environments', 'staging'],
      ['--name', 'nightly-export', '--golden-path', 'scheduled-job', '--owner', 'data', '--description', 'Exports yesterday\'s orders', '--schedule', '0 4 * * *', '--bucket'],
      ['--name', 'status-page', '--golden-path', 'static-site', '--owner', 'platform', '--description', 'Public status page', '--single-page-app'],
      // Adversarial but valid: a double hyphen, quotes and a comment end in the description still give code that builds.
      ['--name', 'audit--log', '--golden-path', 'worker', '--owner', 'data', '--description', 'Audit log */ consumer', '--environments', 'staging'],
      ['--name', 'key-sync', '--golden-path', 'scheduled-job', '--owner', 'platform', '--description', "Syncs keys' metadata", '--schedule', '0 * * * *', '--time-zone', 'Europe/Paris', '--environments', 'staging'],
    ].map((args) => run(root, ...args));
    for (const result of created) expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
    jest.isolateModules(() => {
      const { buildOrganisation } = require(path.join(root, 'stacks/app.ts'));
      const outdir = path.join(root, 'cdktf.out');
      synthesizeAtomically(buildOrganisation, outdir, (dir) => {
        analysis = analyse(dir);
      });
    });
    catalog = analysis.catalog;
  });

  test('each appears in catalog.json with its owner and golden path', () => {
    const services = catalog.entities.filter(isKind('service'));
    const service = (name: string) => services.find((e) => e.id === `service:${name}`)!;
    expect(['search-api', 'mailer', 'nightly-export', 'status-page'].map((n) => [n, service(n).owner, service(n).goldenPath])).toEqual([
      ['search-api', 'storefront', 'http-service'],
      ['mailer', 'platform', 'worker'],
      ['nightly-export', 'data', 'scheduled-job'],
      ['status-page', 'platform', 'static-site'],
    ]);
    expect(service('mailer').environments).toEqual(['staging']);
    expect(['audit--log', 'key-sync'].map((n) => services.find((e) => e.title === n)?.goldenPath)).toEqual(['worker', 'scheduled-job']);
    expect(service('search-api').tags['data-classification']).toBe('public');
  });

  test('each is priced', () => {
    for (const name of ['search-api', 'mailer', 'nightly-export', 'status-page']) {
      const row = analysis.cost.byService.find((r) => r.name === name)!;
      expect({ name, priced: row.monthlyUsd > 0 }).toEqual({ name, priced: true });
    }
    expect(unexpectedlyNotPriced(analysis.cost.notPriced.resources)).toEqual([]);
    expect(analysis.cost.unallocated.resources).toEqual([]);
  });

  test('no guardrail errors or warnings, full tag coverage', () => {
    expect(analysis.policy.findings.filter((f) => !f.suppressed).map((f) => `${f.rule} ${f.address}: ${f.message}`)).toEqual([]);
    expect(analysis.policy.summary).toMatchObject({ errors: 0, warnings: 0 });
    expect(analysis.policy.tagCoverage.overall.percent).toBe(100);
  });

  test('the generated file reads like hand-written code', () => {
    expect(fs.readFileSync(path.join(root, 'stacks/services/nightly-export.ts'), 'utf8')).toBe(
      [
        "import type { Organisation } from '../../golden-paths/organisation';",
        "import { ScheduledJob } from '../../golden-paths/scheduled-job';",
        '',
        "/** Exports yesterday's orders (scaffolded with npm run new-service). */",
        'export function nightlyExport(org: Organisation): ScheduledJob {',
        "  return new ScheduledJob(org, 'nightly-export', {",
        "    owner: 'data',",
        "    description: 'Exports yesterday\\'s orders',",
        "    schedule: '0 4 * * *',",
        '    bucket: true,',
        '  });',
        '}',
        '',
      ].join('\n'),
    );
    const index = fs.readFileSync(path.join(root, 'stacks/services/index.ts'), 'utf8');
    expect(index).toContain("import { nightlyExport } from './nightly-export';\nimport { notifications } from './notifications';");
    expect(index).toContain('  mailer,\n  nightlyExport,\n  notifications,');
  });
});

describe('bad input: clear errors, nothing changed', () => {
  test.each([
    [['--name', 'Bad_Name', '--golden-path', 'worker', '--owner', 'data', '--description', 'x'], '--name "Bad_Name" must be lowercase letters, digits and hyphens'],
    [['--name', 'checkout', '--golden-path', 'worker', '--owner', 'data', '--description', 'x'], '--name "checkout" is taken: stacks/services/checkout.ts exists'],
    [['--name', 'reports', '--golden-path', 'worker', '--owner', 'marketing', '--description', 'x'], '--owner: ownership key "owner" has value "marketing", which must be a known team (data, payments, platform, storefront)'],
    [['--name', 'reports', '--golden-path', 'worker', '--owner', 'payments', '--cost-center', 'CC-4001', '--description', 'x'], '--cost-center: ownership key "cost-center" has value "CC-4001", which is not a cost center of team "payments" (CC-2001, CC-2002)'],
    [['--name', 'reports', '--golden-path', 'scheduled-job', '--owner', 'data', '--description', 'x', '--schedule', '61 * * * *'], '--schedule "61 * * * *" is not a valid cron schedule'],
    [['--name', 'reports', '--golden-path', 'static-site', '--owner', 'data', '--description', 'x', '--database', 'small'], '--database is not an option of static-site'],
    [['--name', 'reports', '--golden-path', 'worker', '--owner', 'data', '--description', 'x', '--tag', 'data-classification=secret'], '--tag data-classification: ownership key "data-classification" has value "secret", which must be one of public, internal, confidential, restricted'],
    [['--name', 'reports', '--golden-path', 'worker', '--owner', 'data'], 'missing --description'],
    [['--name', '1password-sync', '--golden-path', 'worker', '--owner', 'data', '--description', 'x'], '--name "1password-sync" must start with a letter: Terraform resource names are made from it'],
    [['--name', 'order--events', '--golden-path', 'worker', '--owner', 'data', '--description', 'x'], '--name "order--events" would be written as the function orderEvents, which stacks/services/order-events.ts already exports; choose a name that differs by more than hyphens'],
    [['--name', 'a'.repeat(60), '--golden-path', 'worker', '--owner', 'data', '--description', 'x'], `becomes the GitHub topic "service-${'a'.repeat(60)}" of 68 characters; GitHub allows at most 50`],
    [['--name', 'reports', '--golden-path', 'worker', '--owner', 'data', '--description', 'x', '--version', 'latest'], '--version "latest" is not valid: image tag (image is <registry>/<name>:<version>), not latest'],
    [['--name', 'reports', '--golden-path', 'scheduled-job', '--owner', 'data', '--description', 'x', '--schedule', '0 3 * * *', '--time-zone', 'Mars/Olympus'], '--time-zone "Mars/Olympus" is not an IANA time zone name such as Etc/UTC or Europe/Paris'],
    [['--name', 'reports', '--golden-path', 'worker', '--owner', 'data', '--description', 'x', '--replicas', 'three'], '--replicas "three" must be a whole number from 1 to 100'],
    [['--name', 'reports', '--golden-path', 'worker', '--owner', 'data', '--description', 'x', '--runbook', 'javascript:alert(1)'], '--runbook "javascript:alert(1)" is not valid: runbook URL (https: or http:)'],
  ])('%j', (args, expected) => {
    const root = project();
    const before = snapshot(root);
    const result = run(root, ...args);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Cannot create the service; nothing was changed:');
    expect(result.stderr).toContain(expected);
    expect(result.stderr).not.toContain('    at ');
    expect(snapshot(root)).toEqual(before);
  });
});

test('npm run golden-paths lists every golden path with its options and defaults', () => {
  const out = spawnSync('node', [path.join(repo, 'dist/scripts/golden-paths.js')], { encoding: 'utf8' }).stdout;
  for (const name of ['http-service', 'worker', 'scheduled-job', 'static-site']) expect(out).toContain(`  ${name}  (`);
  expect(out).toMatch(/--schedule <value> +cron schedule, five fields, e.g. '15 3 \* \* \*' \(default: \(required\)\)/);
  expect(out).toMatch(/--database <small\|medium\|large> +a PostgreSQL database of this size per environment \(default: none\)/);
});
