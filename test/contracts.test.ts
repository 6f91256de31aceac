/** Every JSON document one tool hands to another has a schema, generated from its type, checked on write and on read. */
import * as fs from 'fs';
import * as path from 'path';
import { analyse, writeAnalysis } from '../catalog/analyse';
import { readContract } from '../catalog/contracts';
import { WEB_LINK } from '../model/golden-path-metadata';
import { CONTRACTS, GENERATED_SCHEMAS, generateContractSchema } from '../scripts/contract-schemas';
import { buildOrganisation } from '../stacks/app';
import { cleanUp, errorOf, readTree, synth, tempDir } from './helpers/synth';

const repo = path.join(__dirname, '..');
afterAll(cleanUp);

test.each(CONTRACTS.map((c) => [c.schema, c]))('%s is what its type generates (npm run schemas)', (_, contract) => {
  expect(fs.readFileSync(path.join(repo, contract.schema), 'utf8')).toBe(generateContractSchema(contract, repo));
});

test.each(GENERATED_SCHEMAS.map((g) => [g.schema, g]))('%s is what its registry generates (npm run schemas)', (_, generated) => {
  expect(fs.readFileSync(path.join(repo, generated.schema), 'utf8')).toBe(generated.text());
});

test('the generated metadata schema holds the links to WEB_LINK, the rule golden-path props use', () => {
  const schema = JSON.parse(fs.readFileSync(path.join(repo, 'model/schema/golden-path-metadata.schema.json'), 'utf8'));
  const links = JSON.stringify(schema).match(/"pattern":"(\^https[^"]*)"/g) ?? [];
  expect(links.length).toBe(3);
  for (const l of links) expect(new RegExp(JSON.parse(`{${l}}`).pattern).source).toBe(WEB_LINK.source);
});

describe('on the example organisation', () => {
  let outdir: string;
  beforeAll(() => {
    outdir = synth((app) => buildOrganisation(app)).outdir;
    writeAnalysis(outdir);
  });

  test('the reports synth writes read back through their contracts', () => {
    expect(readContract('cost-report', path.join(outdir, 'catalog', 'cost-report.json')).total.monthlyUsd).toBeGreaterThan(0);
    expect(readContract('policy-report', path.join(outdir, 'catalog', 'policy.json')).summary.passed).toBe(true);
  });

  test('a cost report written before partial price tables and the newer usage figures still reads', () => {
    const report = JSON.parse(fs.readFileSync(path.join(outdir, 'catalog', 'cost-report.json'), 'utf8'));
    for (const table of report.priceTables) delete table.complete;
    delete report.usage.defaults.efsStorageGb;
    delete report.usage.defaults.route53QueriesMillions;
    const older = path.join(tempDir(), 'cost-report.json');
    fs.writeFileSync(older, JSON.stringify(report));
    expect(readContract('cost-report', older).priceTables.map((t) => t.region)).toEqual(report.priceTables.map((t: { region: string }) => t.region));
  });

  test('a spend.json of the wrong shape is one sentence naming the file, and nothing is written', () => {
    const copy = path.join(tempDir(), 'out');
    fs.cpSync(outdir, copy, { recursive: true });
    fs.mkdirSync(path.join(copy, 'spend'));
    fs.writeFileSync(path.join(copy, 'spend', 'spend.json'), JSON.stringify({ currency: 'USD', months: 'not a list' }));
    const before = readTree(path.join(copy, 'catalog'));
    const message = errorOf(() => writeAnalysis(copy));
    expect(message).toContain(`${path.join(copy, 'spend', 'spend.json')} is not a valid spend-report document:`);
    expect(message).toContain('(top level) is missing the required property "byService"');
    expect(readTree(path.join(copy, 'catalog'))).toEqual(before);
    expect(message).not.toMatch(/\n\s+at /);
  });

  test('golden-path metadata of the wrong shape in a stack is refused where the analysis reads it', () => {
    const copy = path.join(tempDir(), 'out');
    fs.cpSync(outdir, copy, { recursive: true });
    const file = path.join(copy, 'stacks', 'github', 'cdk.tf.json');
    const json = JSON.parse(fs.readFileSync(file, 'utf8'));
    json['//'].groundwork.services.checkout.links = { runbook: 42 };
    fs.writeFileSync(file, JSON.stringify(json));
    const message = errorOf(() => analyse(copy));
    expect(message).toContain('The golden-path metadata of stacks/github/cdk.tf.json ("//".groundwork) is invalid:');
    expect(message).toContain('services.checkout.links.runbook must be string');
  });
});
