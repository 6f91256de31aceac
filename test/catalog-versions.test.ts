/**
 * Catalog version 2 (one entity type per kind; the platform's shared infrastructure as resources)
 * against a catalog.json version 1 wrote: test/fixtures/catalog-v1/catalog.json.gz is what `npm run
 * synth` wrote for the example organisation at c23cc4a, the last commit writing version 1, and
 * synthesized.json.gz the Terraform and manifest that synth wrote beside it (path -> text): this
 * code's analysis of that same Terraform is the version 2 catalog to compare with, whatever the
 * example organisation has become since.
 */
import * as fs from 'fs';
import * as path from 'path';
import { gunzipSync } from 'zlib';
import { writeAnalysis } from '../catalog/analyse';
import { readContract } from '../catalog/contracts';
import { adoptionReport } from '../catalog/adoption/adoption-report';
import { buildPrReport } from '../catalog/pr-report/build-report';
import { readSynthesizedOutput } from '../catalog/pr-report/output-folder';
import { Catalog, isKind } from '../catalog/service-catalog/catalog-model';
import { cleanUp, errorOf, tempDir } from './helpers/synth';

afterAll(cleanUp);

const v1Text = gunzipSync(fs.readFileSync(path.join(__dirname, 'fixtures/catalog-v1/catalog.json.gz'))).toString('utf8');
const PIPELINE = ['resource:pipeline-production', 'resource:pipeline-staging'];

/** The value without its monthlyUsd figures, at any depth. */
const withoutCosts = (value: unknown): unknown =>
  Array.isArray(value) ? value.map(withoutCosts) : value !== null && typeof value === 'object' ? Object.fromEntries(Object.entries(value).filter(([k]) => k !== 'monthlyUsd').map(([k, v]) => [k, withoutCosts(v)])) : value;

let head: string;
let base: string;
let current: Catalog;
beforeAll(() => {
  head = path.join(tempDir(), 'cdktf.out');
  const synthesized: Record<string, string> = JSON.parse(gunzipSync(fs.readFileSync(path.join(__dirname, 'fixtures/catalog-v1/synthesized.json.gz'))).toString('utf8'));
  for (const [file, text] of Object.entries(synthesized)) {
    fs.mkdirSync(path.dirname(path.join(head, file)), { recursive: true });
    fs.writeFileSync(path.join(head, file), text);
  }
  writeAnalysis(head, { usage: path.join(__dirname, '../usage') });
  current = JSON.parse(fs.readFileSync(path.join(head, 'catalog', 'catalog.json'), 'utf8'));
  // The same organisation, its catalog as the version before wrote it: a pull request whose base predates version 2.
  base = path.join(tempDir(), 'base');
  fs.cpSync(head, base, { recursive: true });
  fs.writeFileSync(path.join(base, 'catalog', 'catalog.json'), v1Text);
});

test('the version 1 catalog counts the platform infrastructure as services (what the upgrade must undo)', () => {
  const v1 = JSON.parse(v1Text);
  expect(v1.apiVersion).toBe('groundwork.dev/v1');
  expect(v1.summary.services).toBe(16);
  expect(v1.entities.filter((e: { goldenPath?: string }) => e.goldenPath === 'platform')).toHaveLength(6);
});

test('read through its contract, a version 1 catalog is the version 2 catalog of the same organisation (the pipeline one resource, not one per environment)', () => {
  const upgraded = readContract('catalog', path.join(base, 'catalog', 'catalog.json'));
  expect(upgraded.apiVersion).toBe('groundwork.dev/v2');
  expect(upgraded.summary).toEqual({ ...current.summary, resources: current.summary.resources - PIPELINE.length + 1 });
  // Monthly figures are those of the prices each version ran with (the Fargate entries were corrected since): compared apart.
  expect(withoutCosts(upgraded.entities.filter((e) => e.id !== 'resource:pipeline-platform'))).toEqual(withoutCosts(current.entities.filter((e) => !PIPELINE.includes(e.id))));
  // Every address v2 gives the pipeline's resources, v1's one holds: nothing the platform made is lost or counted twice.
  const pipeline = upgraded.entities.find((e) => e.id === 'resource:pipeline-platform')!;
  const addresses = (list: readonly { terraform: readonly { stack: string; address: string }[] }[]) => list.flatMap((e) => e.terraform.map((t) => `${t.stack}/${t.address}`)).sort();
  expect(addresses([pipeline])).toEqual(addresses(current.entities.filter((e) => PIPELINE.includes(e.id))));
  expect(pipeline).toMatchObject({ type: 'platform', owner: 'platform', source: 'golden-path', relations: [{ type: 'ownedBy', target: 'team:platform' }] });
});

test('adoption reads a version 1 output as it reads a version 2 one', () => {
  const v1 = adoptionReport(readContract('catalog', path.join(base, 'catalog', 'catalog.json')), undefined);
  expect(v1).toEqual(adoptionReport(current, undefined));
});

test('a pull request whose base predates version 2 compares like with like: no phantom services removed', () => {
  const report = buildPrReport(readSynthesizedOutput(base, 'base'), readSynthesizedOutput(head, 'head'));
  expect(report.services).toEqual([]);
  expect(report.scorecards).toEqual([]);
  expect(report.summary).toMatchObject({ servicesAdded: 0, servicesRemoved: 0, servicesChanged: 0, resourcesAdded: 0, resourcesRemoved: 0 });
  expect(readSynthesizedOutput(base, 'base').analysis.services.map((s) => s.name)).toEqual(current.entities.filter(isKind('service')).map((s) => s.name));
});

describe('a catalog that is neither version: one sentence naming the file and the rule', () => {
  const attempt = (document: unknown) => {
    const file = path.join(tempDir(), 'catalog.json');
    fs.writeFileSync(file, JSON.stringify(document));
    const message = errorOf(() => readContract('catalog', file));
    expect(message).not.toMatch(/\n\s+at /);
    return message.replace(file, '<file>');
  };

  test('a version 1 catalog of the wrong shape is judged by the version 1 schema', () => {
    const v1 = JSON.parse(v1Text);
    v1.entities[0].kind = 'gadget';
    expect(attempt(v1)).toMatch(/^<file> is not a valid catalog \(groundwork\.dev\/v1\) document:\n.*entities\[0\]\.kind must be one of: team, system, service, environment, resource/);
  });

  test('an unknown version', () => {
    expect(attempt({ ...current, apiVersion: 'groundwork.dev/v9' })).toMatch(/^<file> is not a valid catalog document:\n.*apiVersion must be equal to constant/);
  });

  test('a version 2 entity with a field of another kind (a team with a goldenPath)', () => {
    const entities = current.entities.map((e) => (e.id === 'team:payments' ? { ...e, goldenPath: 'http-service' } : e));
    expect(attempt({ ...current, entities })).toContain('has an unknown property "goldenPath"');
  });
});
