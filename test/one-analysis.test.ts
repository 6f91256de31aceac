/**
 * One analysis with one set of inputs: every report command rewrites exactly what synth wrote,
 * and catalog, cost and policy credit every resource to the same service.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { analyse, writeAnalysis } from '../catalog/analyse';
import { Catalog, isKind } from '../catalog/service-catalog/catalog-model';
import { buildOrganisation } from '../stacks/app';
import { cleanUp, readTree, synth, tempDir } from './helpers/synth';

const repo = path.join(__dirname, '..');
let outdir: string;

beforeAll(() => {
  outdir = synth((app) => buildOrganisation(app)).outdir;
  writeAnalysis(outdir);
});
afterAll(cleanUp);

/**
 * The service each Terraform address is owned by, as the catalog's service entities list them;
 * for the platform's shared infrastructure (resources of their owners, no service entity), the
 * `service` tag of the platform resource that holds it, which cost and policy allocate by.
 */
function catalogServiceOf(catalog: Catalog): Map<string, string> {
  const key = (t: { stack: string; address: string }) => `${t.stack}/${t.address}`;
  const serviceOf = new Map(catalog.entities.filter(isKind('service')).flatMap((e) => e.terraform.map((t) => [key(t), e.name] as const)));
  for (const r of catalog.entities.filter(isKind('resource'))) {
    if (r.source !== 'golden-path' || r.service) continue;
    for (const t of r.terraform) if (!serviceOf.has(key(t))) serviceOf.set(key(t), r.tags.service);
  }
  return serviceOf;
}

test.each(['catalog', 'cost', 'policy'])('npm run %s after synth leaves every report byte-identical', (command) => {
  const before = readTree(path.join(outdir, 'catalog'));
  execFileSync('node', [path.join(repo, 'dist/scripts', `${command}.js`), outdir], { cwd: repo, encoding: 'utf8' });
  expect(readTree(path.join(outdir, 'catalog'))).toEqual(before);
});

test('catalog and cost credit every resource of the example organisation to the same service', () => {
  const { catalog, cost } = analyse(outdir);
  const serviceOf = catalogServiceOf(catalog);
  const lines = [...cost.resources.map((r) => ({ key: `${r.stack}/${r.address}`, service: r.service })), ...cost.notPriced.resources.map((r) => ({ key: `${r.stack}/${r.address}`, service: r.service }))];
  expect(lines.length).toBeGreaterThan(100);
  for (const line of lines) expect([line.key, line.service]).toEqual([line.key, serviceOf.get(line.key)]);
});

test('policy findings name the same service as catalog and cost, for every resource they flag', () => {
  // Every AWS resource loses its cost-center tag: required-tags flags each one.
  const broken = path.join(tempDir(), 'out');
  fs.cpSync(outdir, broken, { recursive: true });
  for (const stack of ['staging-aws', 'production-aws']) {
    const file = path.join(broken, 'stacks', stack, 'cdk.tf.json');
    const json = JSON.parse(fs.readFileSync(file, 'utf8'));
    for (const byName of Object.values<any>(json.resource)) for (const body of Object.values<any>(byName)) if (body.tags) delete body.tags['cost-center'];
    fs.writeFileSync(file, JSON.stringify(json));
  }
  const { catalog, cost, policy } = analyse(broken);
  const serviceOf = catalogServiceOf(catalog);
  const costService = new Map(cost.resources.map((r) => [`${r.stack}/${r.address}`, r.service]));
  const flagged = policy.findings.filter((f) => f.rule === 'tagging/required-tags');
  expect(flagged.length).toBeGreaterThan(100);
  for (const f of flagged) {
    const key = `${f.stack}/${f.address}`;
    expect([key, f.service]).toEqual([key, serviceOf.get(key)]);
    if (costService.has(key)) expect([key, f.service]).toEqual([key, costService.get(key)]);
  }
});
