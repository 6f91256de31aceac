// Guardrails against checkov's own per-check fixtures: for every rule Groundwork shares with checkov, each
// resource checkov passes or fails is judged the same here, or is listed in checks.json with the reason
// Groundwork deliberately differs. The fixtures are checkov's (Apache-2.0) and are read from a checkout of
// its tests/terraform folder, not copied into this repository: see test/fixtures/checkov/README.md.
import { parse } from '@cdktf/hcl2json';
import * as fs from 'fs';
import { load } from 'js-yaml';
import * as path from 'path';
import { analyse } from '../catalog/analyse';
import { ALL_RULES } from '../catalog/policy/packs';
import { gate } from './helpers/prerequisites';
import { SHARED_DATA } from './helpers/shared-data';
import { cleanUp, tempDir } from './helpers/synth';

interface CheckovCase {
  /** checkov's check id, for the reader. */
  readonly check: string;
  /** Folder of .tf files under checkov's tests/terraform. */
  readonly fixture: string;
  /** checkov's test (test_<Check>.py) or graph expectation (expected.yaml) naming its passing and failing resources. */
  readonly expected: string;
  /** Rules that apply only in production are judged with environment = production (provider default_tags). */
  readonly environment?: string;
  /** Resources checkov passes and Groundwork flags, each with the reason. */
  readonly stricter?: Record<string, string>;
  /** Resources checkov fails and Groundwork passes, each with the reason (a deliberate difference, never a miss). */
  readonly laxer?: Record<string, string>;
  /** Resources checkov passes and Groundwork flags because it does not read something yet: known gaps, named. */
  readonly gaps?: Record<string, string>;
  /** checkov's HCL that @cdktf/hcl2json (like Terraform) refuses: the reason; the test checks it is still refused. */
  readonly hclError?: string;
  /** Anything the reader should know about the fixture. */
  readonly note?: string;
}

const manifest: Record<string, CheckovCase[]> = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures/checkov/checks.json'), 'utf8'));
const checkovTests = process.env.GROUNDWORK_CHECKOV_TESTS ?? path.join(SHARED_DATA, 'checkov/tests/terraform');
const withCheckovTests = gate({
  id: 'checkov-tests',
  what: "a copy of checkov's tests/terraform",
  missing: fs.existsSync(path.join(checkovTests, 'checks/resource/aws')) ? undefined : `none at ${checkovTests}; set GROUNDWORK_CHECKOV_TESTS (see test/fixtures/checkov/README.md) or put the project's shared/ folder beside the repository.`,
});
afterAll(cleanUp);

/** checkov's expected resources: the passing_resources / failing_resources sets of its unittest, or expected.yaml. */
function expectedOf(file: string): { pass: string[]; fail: string[] } {
  const text = fs.readFileSync(path.join(checkovTests, file), 'utf8');
  if (file.endsWith('.yaml')) {
    const doc = load(text) as { pass?: string[]; fail?: string[] };
    return { pass: doc.pass ?? [], fail: doc.fail ?? [] };
  }
  const set = (name: string) => {
    const body = new RegExp(`${name}\\s*=\\s*\\{([^}]*)\\}`).exec(text)?.[1];
    if (body === undefined) throw new Error(`${file} has no ${name} set`);
    return [...body.matchAll(/"([^"]+)"|'([^']+)'/g)].map((m) => m[1] ?? m[2]);
  };
  return { pass: set('passing_resources'), fail: set('failing_resources') };
}

/** checkov's HCL converted to Terraform JSON by @cdktf/hcl2json, one .tf.json per .tf, as Terraform reads a folder. */
async function convert(fixture: string, environment?: string): Promise<string> {
  const dir = tempDir('groundwork-checkov-');
  const folder = path.join(checkovTests, fixture);
  const converted = new Map<string, Record<string, any>>();
  for (const file of fs.readdirSync(folder).filter((f) => f.endsWith('.tf')).sort()) {
    const json = await parse(file, fs.readFileSync(path.join(folder, file), 'utf8'));
    // checkov scans file by file and its fixtures reuse names across files, which Terraform (and
    // the reader) refuse in one folder: the later file's block is kept, as a merge would keep it.
    for (const [block, byType] of Object.entries<Record<string, Record<string, unknown>>>({ resource: json.resource ?? {}, data: json.data ?? {} })) {
      for (const [type, byName] of Object.entries(byType)) for (const name of Object.keys(byName)) for (const earlier of converted.values()) delete earlier[block]?.[type]?.[name];
    }
    converted.set(file, json);
  }
  for (const [file, json] of converted) fs.writeFileSync(path.join(dir, `${file}.json`), JSON.stringify(json));
  if (environment) fs.writeFileSync(path.join(dir, 'zz-environment.tf.json'), JSON.stringify({ provider: { aws: [{ default_tags: [{ tags: { environment } }] }] } }));
  return dir;
}

withCheckovTests.describe("guardrails agree with checkov's fixtures, case by case", () => {
  test('every case names a rule Groundwork has', () => {
    for (const rule of Object.keys(manifest)) expect(ALL_RULES.has(rule)).toBe(true);
  });

  for (const [rule, cases] of Object.entries(manifest)) {
    for (const c of cases) {
      test(`${rule} = ${c.check} (${path.basename(c.fixture)})`, async () => {
        if (c.hclError) {
          await expect(convert(c.fixture)).rejects.toThrow(/parse config/);
          return;
        }
        const { pass, fail } = expectedOf(c.expected);
        const flagged = new Set(analyse(await convert(c.fixture, c.environment)).policy.findings.filter((f) => f.rule === rule).map((f) => f.address));
        const disagreements: string[] = [];
        for (const address of pass) {
          const stricter = c.stricter?.[address] ?? c.gaps?.[address];
          if (flagged.has(address) !== Boolean(stricter)) disagreements.push(stricter ? `${address}: listed as stricter but not flagged` : `${address}: false alarm (checkov passes it)`);
        }
        for (const address of fail) {
          const laxer = c.laxer?.[address];
          if (flagged.has(address) === Boolean(laxer)) disagreements.push(laxer ? `${address}: listed as a deliberate difference but flagged` : `${address}: miss (checkov fails it)`);
        }
        // Every listed difference is a resource checkov actually judges.
        for (const address of Object.keys({ ...c.stricter, ...c.gaps })) if (!pass.includes(address)) disagreements.push(`${address}: listed as stricter, but checkov does not pass it`);
        for (const address of Object.keys(c.laxer ?? {})) if (!fail.includes(address)) disagreements.push(`${address}: listed as laxer, but checkov does not fail it`);
        expect(disagreements).toEqual([]);
        expect(pass.length + fail.length).toBeGreaterThan(0);
      });
    }
  }
});
