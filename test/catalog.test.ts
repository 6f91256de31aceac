import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import {
  componentEntityV1alpha1Validator,
  DefaultNamespaceEntityPolicy,
  EntityPolicies,
  FieldFormatEntityPolicy,
  groupEntityV1alpha1Validator,
  locationEntityV1alpha1Validator,
  NoForeignRootFieldsEntityPolicy,
  resourceEntityV1alpha1Validator,
  SchemaValidEntityPolicy,
  systemEntityV1alpha1Validator,
} from '@backstage/catalog-model';
import { loadAll } from 'js-yaml';
import { analyse, writeAnalysis } from '../catalog/analyse';
import { checkContract } from '../catalog/contracts';
import { Catalog, EntityKind, EntityOf, isKind } from '../catalog/service-catalog/catalog-model';
import { backstageFiles } from '../catalog/service-catalog/backstage';
import { buildOrganisation } from '../stacks/app';
import { cleanUp, errorOf, readTree, synth, tempDir } from './helpers/synth';

const plainFixture = path.join(__dirname, 'fixtures/plain-terraform');
let outdir: string;
let catalog: Catalog;
const entity = <K extends EntityKind>(id: `${K}:${string}`) => catalog.entities.find((e) => e.id === id) as EntityOf<K>;

beforeAll(() => {
  outdir = synth(buildOrganisation, undefined).outdir;
  // synth() in the helper runs synth only; the app's main also runs the analysis: do the same.
  writeAnalysis(outdir, { usage: path.join(__dirname, '../usage') });
  catalog = JSON.parse(fs.readFileSync(path.join(outdir, 'catalog/catalog.json'), 'utf8'));
});
afterAll(cleanUp);

describe('the example organisation', () => {
  test('catalog.json is valid against catalog/schema/catalog.schema.json (version 2)', () => {
    expect(() => checkContract('catalog', catalog, 'catalog.json')).not.toThrow();
    expect(catalog.apiVersion).toBe('groundwork.dev/v2');
    expect(catalog.organisation).toBe('acme');
    // One service per file of stacks/services: the platform's shared infrastructure is not one.
    expect(catalog.summary).toMatchObject({ teams: 4, systems: 2, services: 11, environments: 2, resources: 78 });
  });

  test('every example service is there with its owner, environments and links', () => {
    const services = catalog.entities.filter(isKind('service'));
    expect(services.map((s) => [s.name, s.owner, s.goldenPath])).toEqual([
      ['checkout', 'payments', 'http-service'],
      ['help-center', 'storefront', 'static-site'],
      ['ledger', 'payments', 'http-service'],
      ['ledger-reconciliation', 'payments', 'scheduled-job'],
      ['notifications', 'platform', 'http-service'],
      ['order-events', 'payments', 'worker'],
      ['product-catalog', 'storefront', 'http-service'],
      ['recommendations', 'data', 'http-service'],
      ['shop-api', 'storefront', 'http-service'],
      ['storefront-web', 'storefront', 'http-service'],
      ['support-answers', 'storefront', 'knowledge-base'],
    ]);
    // Shared infrastructure the platform creates is catalogued as what it is: resources of their owners, described by the platform.
    const platform = catalog.entities.filter(isKind('resource')).filter((e) => e.source === 'golden-path');
    expect(platform.map((e) => [e.name, e.type, e.owner, e.service])).toEqual([
      ['acme-data-alerts-production-topic', 'topic', 'data', undefined],
      ['acme-data-alerts-staging-topic', 'topic', 'data', undefined],
      ['acme-payments-alerts-production-topic', 'topic', 'payments', undefined],
      ['acme-payments-alerts-staging-topic', 'topic', 'payments', undefined],
      ['acme-platform-alerts-staging-topic', 'topic', 'platform', undefined],
      ['acme-production-network', 'network', 'platform', undefined],
      ['acme-staging-network', 'network', 'platform', undefined],
      ['acme-storefront-alerts-production-topic', 'topic', 'storefront', undefined],
      ['acme-storefront-alerts-staging-topic', 'topic', 'storefront', undefined],
      ['model-invocation-logging-production', 'platform', 'platform', undefined],
      ['model-invocation-logging-staging', 'platform', 'platform', undefined],
      ['pipeline-production', 'platform', 'platform', undefined],
      ['pipeline-staging', 'platform', 'platform', undefined],
    ]);
    expect(entity('resource:acme-production-network')).toMatchObject({ description: 'The VPC, subnets and NAT gateways of each environment', relations: [{ type: 'ownedBy', target: 'team:platform' }] });
    // The pipeline's OIDC provider and roles, which no resource kind covers, are one resource per environment: every address stays in the catalog.
    expect(entity('resource:pipeline-production')).toMatchObject({ title: 'pipeline', environment: 'production', costCenter: 'CC-1000', tags: { owner: 'platform', service: 'pipeline', environment: 'production' } });
    expect(entity('resource:pipeline-production').terraform.map((t) => t.address.split('.')[0])).toEqual([
      'aws_iam_openid_connect_provider', 'aws_iam_role', 'aws_iam_role', 'aws_iam_role', 'aws_iam_role_policy', 'aws_iam_role_policy',
      'aws_iam_role_policy_attachment', 'aws_iam_role_policy_attachment', 'aws_iam_role_policy_attachment',
    ]);
    // No relation points at an entity the catalog does not hold.
    const ids = new Set(catalog.entities.map((e) => e.id));
    expect(catalog.entities.flatMap((e) => e.relations.filter((r) => !ids.has(r.target)).map((r) => `${e.id} -> ${r.target}`))).toEqual([]);
    const checkout = entity('service:checkout');
    expect(checkout).toMatchObject({ lifecycle: 'production', tier: 1, system: 'commerce', costCenter: 'CC-2001', environments: ['production', 'staging'] });
    expect(checkout.links.map((l) => l.title)).toEqual([
      'Repository', 'Runbook', 'Documentation', 'Architecture decisions', 'Dashboard', 'Operations (restart, roll back, scale)',
      'Dashboard (production)', 'Alarms (production)', 'Logs (production)', 'Dashboard (staging)', 'Alarms (staging)', 'Logs (staging)',
    ]);
    expect(checkout.links.find((l) => l.title === 'Dashboard (production)')!.url).toBe('https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#dashboards/dashboard/checkout-production');
    expect(entity('service:notifications')).toMatchObject({ lifecycle: 'experimental', environments: ['staging'] });
  });

  test('an exposed service carries, per environment, its URL, exposure, SLOs and alarms with console links; a cluster-only one none', () => {
    const shop = entity('service:shop-api');
    const slo = { availability: 99.9, latency: { thresholdMs: 300, percent: 99 } };
    expect(shop.endpoints!.map(({ alarms, ...rest }) => rest)).toEqual([
      { environment: 'production', url: 'https://api.acme.example', exposure: 'public', slo },
      { environment: 'staging', url: 'https://api.staging.acme.example', exposure: 'public', slo },
    ]);
    const production = shop.endpoints![0].alarms;
    expect(production.map((a) => a.name)).toEqual(
      expect.arrayContaining(['shop-api-production-alb-5xx', 'shop-api-production-latency-p99', 'shop-api-production-target-5xx', 'shop-api-production-unhealthy-hosts', 'shop-api-production-slo-availability-fast-burn', 'shop-api-production-slo-latency-slow-burn']),
    );
    // Each alarm's console page, in its environment's region (production eu-west-1, staging us-east-1).
    expect(production.find((a) => a.name === 'shop-api-production-alb-5xx')!.url).toBe('https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#alarmsV2:alarm/shop-api-production-alb-5xx');
    expect(shop.endpoints![1].alarms.every((a) => a.url!.startsWith('https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#alarmsV2:alarm/shop-api-staging-'))).toBe(true);
    expect(entity('service:checkout').endpoints).toBeUndefined();
  });

  test('dependencies: a service depends on its database, queue and bucket in each environment', () => {
    const dependsOn = (id: `service:${string}`) => entity(id).relations.filter((r) => r.type === 'dependsOn').map((r) => r.target);
    expect(dependsOn('service:checkout')).toEqual([
      'resource:checkout-production-database',
      'resource:checkout-production-queue',
      'resource:checkout-staging-database',
      'resource:checkout-staging-queue',
    ]);
    expect(dependsOn('service:ledger')).toEqual([
      'resource:acme-ledger-production-bucket',
      'resource:acme-ledger-staging-bucket',
      'resource:ledger-production-database',
      'resource:ledger-staging-database',
    ]);
    expect(dependsOn('service:storefront-web')).toEqual([]);
    expect(entity('resource:checkout-production-database').relations).toContainEqual({ type: 'dependencyOf', target: 'service:checkout' });
  });

  test('resources carry their Terraform addresses, tags and derived console links', () => {
    const db = entity('resource:checkout-production-database');
    expect(db).toMatchObject({ type: 'database', owner: 'payments', service: 'checkout', environment: 'production', region: 'eu-west-1' });
    expect(db.terraform.map((t) => t.constructPath)).toEqual(
      expect.arrayContaining(['production-aws/checkout/database/instance', 'production-aws/checkout/database/security-group', 'production-aws/checkout/database/subnet-group']),
    );
    expect(db.terraform.every((t) => t.stack === 'production-aws')).toBe(true);
    expect(db.links[0].url).toBe('https://eu-west-1.console.aws.amazon.com/rds/home?region=eu-west-1#database:id=checkout-production');
    // The dead-letter queue is part of its queue, not an entity of its own.
    const queue = entity('resource:checkout-staging-queue');
    expect(queue.terraform.filter((t) => t.address.startsWith('aws_sqs_queue.'))).toHaveLength(2);
    expect(catalog.entities.some((e) => e.name.includes('dlq'))).toBe(false);
    expect(entity('resource:checkout-repository').repositoryUrl).toBe('https://github.com/acme-corp/checkout');
    expect(entity('resource:checkout-production-workload')).toMatchObject({ type: 'workload', environment: 'production' });
    expect(entity('resource:acme-production-network')).toMatchObject({ type: 'network', owner: 'platform' });
    expect(entity('resource:acme-production-network').service).toBeUndefined();
  });

  test('teams list their services and cost centers; environments their stacks', () => {
    expect(entity('team:payments')).toMatchObject({ title: 'Payments', services: ['checkout', 'ledger', 'ledger-reconciliation', 'order-events'], costCenters: ['CC-2001', 'CC-2002'], source: 'settings' });
    expect(entity('environment:production')).toMatchObject({ region: 'eu-west-1', production: true, stacks: ['bootstrap', 'production-aws', 'production-kubernetes'] });
    expect(entity('environment:production').services).toEqual(['checkout', 'help-center', 'ledger', 'ledger-reconciliation', 'order-events', 'product-catalog', 'recommendations', 'shop-api', 'storefront-web', 'support-answers']);
  });

  test("every Backstage entity passes Backstage's own validators; one file per kind, all listed by the Location", async () => {
    const folder = path.join(outdir, 'catalog/backstage');
    const files = fs.readdirSync(folder).sort();
    expect(files).toEqual(['catalog-info.yaml', 'components.yaml', 'groups.yaml', 'resources.yaml', 'systems.yaml']);
    const documents = files.flatMap((file) => (loadAll(fs.readFileSync(path.join(folder, file), 'utf8')) as any[]).map((e) => ({ file, e })));
    expect(documents).toHaveLength(catalog.entities.length + 1);
    const policy = EntityPolicies.allOf([new DefaultNamespaceEntityPolicy(), new NoForeignRootFieldsEntityPolicy(), new FieldFormatEntityPolicy(), new SchemaValidEntityPolicy()]);
    // Golden-path services point TechDocs at their repository, where mkdocs.yml is.
    const checkoutDoc = documents.find(({ e }) => e.kind === 'Component' && e.metadata.name === 'checkout')!.e;
    expect(checkoutDoc.metadata.annotations['backstage.io/techdocs-ref']).toBe('url:https://github.com/acme-corp/checkout/tree/main');
    const kindValidators = [componentEntityV1alpha1Validator, groupEntityV1alpha1Validator, resourceEntityV1alpha1Validator, systemEntityV1alpha1Validator, locationEntityV1alpha1Validator];
    const names = new Set<string>();
    for (const { file, e } of documents) {
      expect({ file, kind: file === 'catalog-info.yaml' ? 'Location' : `${e.kind.toLowerCase()}s.yaml` }).toEqual({ file, kind: file === 'catalog-info.yaml' ? e.kind : file });
      await expect(policy.enforce(e)).resolves.toBeDefined();
      const results = await Promise.all(kindValidators.map((v) => v.check(e)));
      expect({ file, name: e.metadata.name, validKind: results.filter(Boolean).length }).toEqual({ file, name: e.metadata.name, validKind: 1 });
      names.add(`${e.kind}:${e.metadata.name}`);
    }
    expect(names.size).toBe(documents.length);
    // An exposed service: its URLs as the Component's first links, its exposure and SLOs as annotations.
    const shop = documents.find(({ e }) => e.kind === 'Component' && e.metadata.name === 'shop-api')!.e;
    expect(shop.metadata.links.slice(0, 2)).toEqual([
      { url: 'https://api.acme.example', title: 'production (public)', type: 'website' },
      { url: 'https://api.staging.acme.example', title: 'staging (public)', type: 'website' },
    ]);
    expect(shop.metadata.annotations).toMatchObject({
      'groundwork.dev/exposure-production': 'public',
      'groundwork.dev/slo-production-availability': '99.9',
      'groundwork.dev/slo-production-latency-threshold-ms': '300',
      'groundwork.dev/slo-production-latency-percent': '99',
      'groundwork.dev/slo-staging-availability': '99.9',
    });
    const location = documents.find(({ e }) => e.kind === 'Location')!.e;
    expect(location.spec.targets).toEqual(files.filter((f) => f !== 'catalog-info.yaml').map((f) => `./${f}`));
    // Every reference points at an exported entity.
    for (const { file, e } of documents) {
      for (const ref of [e.spec.owner, e.spec.system && `system:default/${e.spec.system}`, ...(e.spec.dependsOn ?? []), ...(e.spec.dependencyOf ?? [])].filter(Boolean)) {
        const [kind, name] = ref.replace('default/', '').split(':');
        expect({ file, ref, found: names.has(`${kind[0].toUpperCase()}${kind.slice(1)}:${name}`) }).toEqual({ file, ref, found: true });
      }
    }
  });

  test('two catalog entities that would be one Backstage entity are refused in one sentence, neither dropped', () => {
    const queue = catalog.entities.find((e) => e.id === 'resource:checkout-staging-queue')!;
    const clash = { ...queue, id: 'resource:environment-production', name: 'environment-production' };
    expect(() => backstageFiles({ ...catalog, entities: [...catalog.entities, clash] })).toThrow(
      'Backstage export: the catalog entities "environment:production" and "resource:environment-production" would both be the Backstage Resource "environment-production" (Backstage keeps one entity per kind and name, whatever the case); rename one of them.',
    );
    // Backstage compares entity references without regard to case.
    const upper = { ...queue, id: 'resource:Checkout-Staging-Queue', name: 'Checkout-Staging-Queue' };
    expect(() => backstageFiles({ ...catalog, entities: [...catalog.entities, upper] })).toThrow(
      'Backstage export: the catalog entities "resource:checkout-staging-queue" and "resource:Checkout-Staging-Queue" would both be the Backstage Resource "checkout-staging-queue" and "Checkout-Staging-Queue" (Backstage keeps one entity per kind and name, whatever the case); rename one of them.',
    );
  });

  test("a team named Unowned (any case) stands for resources without an owner: no second group Backstage would refuse", () => {
    const team = catalog.entities.find((e) => e.id === 'team:payments')!;
    const queue = catalog.entities.find((e) => e.id === 'resource:checkout-staging-queue')!;
    const entities = [...catalog.entities, { ...team, id: 'team:Unowned', name: 'Unowned' }, { ...queue, id: 'resource:orphan', name: 'orphan', owner: undefined }];
    const groups = loadAll([...backstageFiles({ ...catalog, entities }).get('groups.yaml')!].join('')) as any[];
    expect(groups.filter((g) => g.metadata.name.toLowerCase() === 'unowned').map((g) => g.metadata.name)).toEqual(['Unowned']);
  });

  test('the analysis is deterministic', () => {
    const again = analyse(outdir, { usage: path.join(__dirname, '../usage') });
    expect(again.files.get('catalog.json')).toBe(fs.readFileSync(path.join(outdir, 'catalog/catalog.json'), 'utf8'));
  });
});

test('the portal: one static page listing every service with owner, scorecard, cost and links, escaped', () => {
  const html = fs.readFileSync(path.join(outdir, 'catalog/index.html'), 'utf8');
  for (const service of catalog.entities.filter((e) => e.kind === 'service')) expect(html).toContain(`<tr id="service-${service.name}">`);
  // The no-script table links each service's repository only (the interactive page lists every link).
  expect(html).toContain('<a href="https://github.com/acme-corp/checkout">Repository</a>');
  expect(html).not.toContain('<a href="https://runbooks.acme.example/checkout">');
  expect(html).toContain('Guardrails: <strong>0</strong> errors');
  // The only scripts: the embedded data (two blocks) and the page's own code, allowed by hash.
  expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; script-src &#39;sha256-[A-Za-z0-9+/=]+&#39;; style-src &#39;sha256-/);
  expect(html.match(/<script/g)).toHaveLength(3);
  expect(html).toContain('Data &#38; ML'); // "Data & ML", escaped
});

describe('plain Terraform JSON, no cdktf, no metadata: a catalog from tags alone', () => {
  let plain: Catalog;
  beforeAll(() => {
    plain = analyse(plainFixture).catalog;
  });
  const find = <K extends EntityKind>(id: `${K}:${string}`) => plain.entities.find((e) => e.id === id) as EntityOf<K>;

  test('services, owners and cost centers come from tags, labels and topics', () => {
    expect(plain.entities.filter(isKind('service')).map((s) => [s.name, s.owner, s.costCenter, s.source])).toEqual([
      ['invoicing', 'billing', 'CC-9001', 'tags'],
      ['orders', 'billing', 'CC-9001', 'tags'],
    ]);
    expect(find('team:billing')).toMatchObject({ services: ['invoicing', 'orders'], source: 'tags' });
    expect(find('environment:production')).toMatchObject({ region: 'us-east-1', production: true });
  });

  test('resources and dependencies from raw provider resources', () => {
    expect(find('service:orders').relations).toEqual([
      { type: 'dependsOn', target: 'resource:orders-events-queue' },
      { type: 'dependsOn', target: 'resource:orders-prod-database' },
      { type: 'hasPart', target: 'resource:orders-production-workload' },
      { type: 'hasPart', target: 'resource:orders-repository' },
      { type: 'ownedBy', target: 'team:billing' },
    ]);
    // The DLQ joins its queue through the redrive policy; versioning joins its bucket by reference.
    expect(find('resource:orders-events-queue').terraform.map((t) => t.address)).toEqual(['aws_sqs_queue.orders_events', 'aws_sqs_queue.orders_events_dlq']);
    expect(find('resource:acme-invoices-prod-bucket').terraform.map((t) => t.address)).toEqual(['aws_s3_bucket.invoices', 'aws_s3_bucket_versioning.invoices']);
    expect(find('resource:orders-repository').repositoryUrl).toBe('https://github.com/acme-corp/orders');
  });

  test('what nobody owns is visible, not dropped', () => {
    const scratch = find('resource:someones-scratch-bucket');
    expect(scratch.owner).toBeUndefined();
    expect(plain.summary.unownedTerraformResources).toBe(1);
    expect(() => checkContract('catalog', plain, 'catalog.json')).not.toThrow();
  });
});

describe('bad input', () => {
  test('a corrupt stack file: the error names it, and no catalog is written', () => {
    const dir = synth(buildOrganisation).outdir;
    fs.writeFileSync(path.join(dir, 'stacks/staging-aws/cdk.tf.json'), '{"resource": {');
    expect(errorOf(() => writeAnalysis(dir))).toMatch(/^stacks\/staging-aws\/cdk\.tf\.json is not valid JSON/);
    expect(fs.existsSync(path.join(dir, 'catalog'))).toBe(false);
  });

  test('a partial output: a stack in the manifest is missing', () => {
    const dir = synth(buildOrganisation).outdir;
    writeAnalysis(dir);
    const before = fs.readFileSync(path.join(dir, 'catalog/catalog.json'), 'utf8');
    fs.rmSync(path.join(dir, 'stacks/github'), { recursive: true });
    expect(errorOf(() => writeAnalysis(dir))).toContain('stacks/github/cdk.tf.json is listed in manifest.json but missing');
    // The previous catalog is untouched, and no staging folder is left behind.
    expect(fs.readFileSync(path.join(dir, 'catalog/catalog.json'), 'utf8')).toBe(before);
    expect(fs.readdirSync(dir).sort()).toEqual(['.groundwork-output', 'catalog', 'manifest.json', 'stacks']);
  });

  test('not a directory, or no Terraform in it', () => {
    expect(errorOf(() => analyse('/nonexistent/groundwork'))).toContain('/nonexistent/groundwork is not a directory');
    expect(errorOf(() => analyse(tempDir()))).toContain('holds no Terraform configuration');
  });
});

describe('the compiled app and npm run catalog -- <dir>', () => {

  test('the app cdktf runs (synth, diff, deploy) writes the catalog beside the stacks', () => {
    const dir = path.join(tempDir(), 'cdktf.out');
    execFileSync('node', [path.join(__dirname, '../dist/stacks/main.js')], { env: { ...process.env, CDKTF_OUTDIR: dir } });
    expect(fs.readdirSync(dir).sort()).toEqual(['.groundwork-output', 'catalog', 'manifest.json', 'stacks']);
    expect(fs.readFileSync(path.join(dir, 'catalog/catalog.json'), 'utf8')).toBe(fs.readFileSync(path.join(outdir, 'catalog/catalog.json'), 'utf8'));
  });

  test("the cdktf fast-synth module (synth/cdktf-fast-synth.ts) leaves the output byte-identical (GROUNDWORK_CDKTF_FAST_SYNTH=0 is the slow path)", () => {
    const fast = path.join(tempDir(), 'cdktf.out');
    const traced = path.join(tempDir(), 'cdktf.out');
    execFileSync('node', [path.join(__dirname, '../dist/stacks/main.js')], { env: { ...process.env, CDKTF_OUTDIR: fast } });
    execFileSync('node', [path.join(__dirname, '../dist/stacks/main.js')], { env: { ...process.env, CDKTF_OUTDIR: traced, GROUNDWORK_CDKTF_FAST_SYNTH: '0' } });
    expect(readTree(fast)).toEqual(readTree(traced));
  });

  test('builds the catalog of a plain Terraform folder standalone', () => {
    const dir = tempDir();
    fs.cpSync(plainFixture, dir, { recursive: true });
    const out = execFileSync('node', [path.join(__dirname, '../dist/scripts/catalog.js'), dir], { encoding: 'utf8' });
    expect(out).toContain('Catalog of 2 services, 1 teams');
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'catalog/catalog.json'), 'utf8')).summary.services).toBe(2);
  });

  test('bad input exits 1 with the sentence, no stack trace', () => {
    const result = spawnSync('node', [path.join(__dirname, '../dist/scripts/catalog.js'), '/nonexistent'], { encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('/nonexistent is not a directory: pass the synthesized output (cdktf.out) or a folder of .tf.json files.\nNothing was written.\n');
  });
});
