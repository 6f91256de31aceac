/**
 * Hostile plan JSON (issue 24, items 3 and 4): each malformed plan from the issue and more, through
 * the real entry point (`node dist/scripts/catalog.js --plan`), must end in exactly one sentence
 * naming the path in the file, exit 1, print no stack trace and write nothing. The valid fixture
 * plan is covered by test/any-terraform.test.ts.
 */
import { createHash } from 'crypto';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { readPlans } from '../../catalog/terraform/plan-reader';
import { errorOf } from '../helpers/error-of';
import { cleanUp, tempDir } from '../helpers/synth';

afterAll(cleanUp);

const repo = path.join(__dirname, '..', '..');
const fixture = fs.readFileSync(path.join(repo, 'test/fixtures/plan/checkout/plan.json'), 'utf8');
type Plan = Record<string, any>;
/** A fresh copy of the fixture plan to break. */
const plan = (): Plan => JSON.parse(fixture);
const edited = (change: (p: Plan) => void): string => {
  const p = plan();
  change(p);
  return JSON.stringify(p);
};

/** Every file under a folder with a hash of its bytes: equal before and after means nothing was written, moved or deleted. */
function treeHash(dir: string): string {
  const hash = createHash('sha256');
  const walk = (at: string) => {
    for (const entry of fs.readdirSync(at, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const file = path.join(at, entry.name);
      hash.update(`${path.relative(dir, file)}\0${entry.isDirectory() ? 'dir' : entry.isFIFO() ? 'fifo' : fs.readFileSync(file).toString('base64')}\0`);
      if (entry.isDirectory()) walk(file);
    }
  };
  walk(dir);
  return hash.digest('hex');
}

/** Runs the catalog on a plan file written with `text` (or made by `make`), with an explicit output folder. */
function refuse(text: string | ((file: string) => void)): { status: number | null; stderr: string; stdout: string; unchanged: boolean } {
  const dir = tempDir();
  const file = path.join(dir, 'plan.json');
  if (typeof text === 'string') fs.writeFileSync(file, text);
  else text(file);
  const before = treeHash(dir);
  const run = spawnSync('node', [path.join(repo, 'dist/scripts/catalog.js'), '--plan', file, path.join(dir, 'out')], { encoding: 'utf8', cwd: dir });
  return { status: run.status, stderr: run.stderr, stdout: run.stdout, unchanged: treeHash(dir) === before };
}

const deep = (levels: number): string => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
const compact = JSON.stringify(plan());

const CASES: [string, string | ((file: string) => void), string][] = [
  // From the issue: stack traces before.
  ['variables as a list', edited((p) => (p.variables = [p.variables])), 'plan.json: variables must be an object, not a list.'],
  ['after_unknown: true', edited((p) => (p.resource_changes[0].change.after_unknown = true)), 'plan.json: resource_changes[0].change.after_unknown must be an object, not true.'],
  ['a null resource body', edited((p) => (p.planned_values.root_module.resources[0] = null)), 'plan.json: planned_values.root_module.resources[0] must be an object, not null.'],
  // From the issue: "0 errors, tag coverage 100 %" before.
  ['planned_values: []', edited((p) => (p.planned_values = [])), 'plan.json: planned_values must be an object, not a list.'],
  ['resources: "x"', edited((p) => (p.planned_values.root_module.resources = 'x')), 'plan.json: planned_values.root_module.resources must be a list, not "x".'],
  ['address: 5', edited((p) => (p.resource_changes[3].address = 5)), 'plan.json: resource_changes[3].address must be a string, not 5.'],
  // From the issue: RangeError before.
  ['values nested 5,000 deep', compact.replace('"values":{', `"values":{"deep":${deep(5000)},`), 'plan.json: planned_values.root_module.child_modules[0].resources[0].values.deep.a.a.a.a... nests deeper than 100 levels, the most a plan may (Terraform writes far fewer).'],
  ['prior_state nested 5,000 deep (skipped, still bounded)', compact.replace(/}$/, `,"prior_state":${deep(5000)}}`), `plan.json: prior_state${'.a'.repeat(11)}... nests deeper than 100 levels, the most a plan may (Terraform writes far fewer).`],
  // More shapes.
  ['format_version missing', edited((p) => delete p.format_version), 'plan.json is not a Terraform plan in JSON: it has no "format_version" string (write it with terraform show -json plan.out > plan.json).'],
  ['format_version a number', edited((p) => (p.format_version = 1.2)), 'plan.json: format_version must be a string, not 1.2.'],
  ['format_version of another major version', edited((p) => (p.format_version = '2.0')), 'plan.json: format_version must be "1.x", the format of terraform show -json this reader knows, not "2.0".'],
  ['planned_values null', edited((p) => (p.planned_values = null)), 'plan.json: planned_values must be an object, not null.'],
  ['planned_values missing', edited((p) => delete p.planned_values), 'plan.json is not a Terraform plan in JSON: it has no "planned_values" object (write it with terraform show -json plan.out > plan.json).'],
  ['root_module a list', edited((p) => (p.planned_values.root_module = [p.planned_values.root_module])), 'plan.json: planned_values.root_module must be an object, not a list.'],
  ['child_modules "x"', edited((p) => (p.planned_values.root_module.child_modules = 'x')), 'plan.json: planned_values.root_module.child_modules must be a list, not "x".'],
  ['a child module a string', edited((p) => (p.planned_values.root_module.child_modules[0] = 'module.alerts')), 'plan.json: planned_values.root_module.child_modules[0] must be an object, not "module.alerts".'],
  ['a resource in a child module without an address', edited((p) => delete p.planned_values.root_module.child_modules[0].resources[0].address), 'plan.json: planned_values.root_module.child_modules[0].resources[0].address is missing (it must be a string).'],
  ['resource values a string', edited((p) => (p.planned_values.root_module.resources[1].values = 'x')), 'plan.json: planned_values.root_module.resources[1].values must be an object, not "x".'],
  ['resource values null', edited((p) => (p.planned_values.root_module.resources[1].values = null)), 'plan.json: planned_values.root_module.resources[1].values must be an object, not null.'],
  ['a resource type a number', edited((p) => (p.planned_values.root_module.resources[2].type = 7)), 'plan.json: planned_values.root_module.resources[2].type must be a string, not 7.'],
  ['after_unknown a list', edited((p) => (p.resource_changes[1].change.after_unknown = [])), 'plan.json: resource_changes[1].change.after_unknown must be an object, not a list.'],
  ['change null', edited((p) => (p.resource_changes[2].change = null)), 'plan.json: resource_changes[2].change must be an object, not null.'],
  ['actions a string', edited((p) => (p.resource_changes[2].change.actions = 'create')), 'plan.json: resource_changes[2].change.actions must be a list, not "create".'],
  ['an action a number', edited((p) => (p.resource_changes[2].change.actions = [1])), 'plan.json: resource_changes[2].change.actions[0] must be a string, not 1.'],
  ['resource_changes an object', edited((p) => (p.resource_changes = {})), 'plan.json: resource_changes must be a list, not an object.'],
  ['module_calls a list', edited((p) => (p.configuration.root_module.module_calls = [])), 'plan.json: configuration.root_module.module_calls must be an object, not a list.'],
  ['a module call\'s module a string', edited((p) => (p.configuration.root_module.module_calls.alerts.module = './mod')), 'plan.json: configuration.root_module.module_calls.alerts.module must be an object, not "./mod".'],
  ['configuration resources an object', edited((p) => (p.configuration.root_module.resources = {})), 'plan.json: configuration.root_module.resources must be a list, not an object.'],
  ['expressions a string', edited((p) => (p.configuration.root_module.resources[0].expressions = 'x')), 'plan.json: configuration.root_module.resources[0].expressions must be an object, not "x".'],
  ['provider_config_key a list', edited((p) => (p.configuration.root_module.resources[0].provider_config_key = ['aws'])), 'plan.json: configuration.root_module.resources[0].provider_config_key must be a string, not a list.'],
  ['provider_config not an object', edited((p) => (p.configuration.provider_config = 'aws')), 'plan.json: configuration.provider_config must be an object, not "aws".'],
  ['a provider block a number', edited((p) => (p.configuration.provider_config.aws = 5)), 'plan.json: configuration.provider_config.aws must be an object, not 5.'],
  ['a provider region a string', edited((p) => (p.configuration.provider_config.aws.expressions.region = 'eu-west-1')), 'plan.json: configuration.provider_config.aws.expressions.region must be an object, not "eu-west-1".'],
  ['a variable a number', edited((p) => (p.variables.region = 5)), 'plan.json: variables.region must be an object, not 5.'],
  ['the document a list', '[1, 2]', 'plan.json: the document must be an object, not a list.'],
  // Not JSON, or not all of it.
  ['a truncated file', compact.slice(0, compact.indexOf('"resource_changes":[') + '"resource_changes":['.length), `plan.json is not valid JSON: it ends at byte ${compact.indexOf('"resource_changes":[') + '"resource_changes":['.length} inside resource_changes[0] (a truncated file?); pass the output of terraform show -json.`],
  ['a file cut inside a string', compact.slice(0, compact.indexOf('"resource_changes":[') + 5), `plan.json is not valid JSON: it ends inside a value at byte ${compact.indexOf('"resource_changes":[') + 5} (a truncated file?); pass the output of terraform show -json.`],
  ['a file that is not JSON', 'hello, plan', 'plan.json is not valid JSON: unexpected text at byte 0; pass the output of terraform show -json.'],
  ['a trailing comma', compact.replace('"resource_changes":[', '"resource_changes":[,'), `plan.json is not valid JSON: unexpected "," at byte ${compact.indexOf('"resource_changes":[') + '"resource_changes":['.length} (in resource_changes[0]); pass the output of terraform show -json.`],
  ['two documents', `${compact}{}`, `plan.json is not valid JSON: more follows the plan's closing brace at byte ${compact.length}; pass the output of terraform show -json.`],
  ['an empty file', '', 'plan.json is empty: pass the output of terraform show -json.'],
  ['a FIFO (never read: it would hang)', (file) => spawnSync('mkfifo', [file]), 'plan.json is not a regular file: pass a plan in JSON (terraform show -json plan.out > plan.json).'],
];

describe('a malformed plan is one sentence from npm run catalog -- --plan, exit 1, nothing written', () => {
  test.each(CASES)('%s', (_name, text, sentence) => {
    const { status, stderr, stdout, unchanged } = refuse(text);
    expect({ status, stderr, stdout, unchanged }).toEqual({ status: 1, stderr: `${sentence}\nNothing was written.\n`, stdout: '', unchanged: true });
  });
});

describe('a folder of plans', () => {
  test('JSON files that are not plans are ignored, whatever their shape; a malformed plan is refused with its path', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'a-plan.json'), compact);
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'x', variables: [1], resource_changes: 'x' }));
    fs.writeFileSync(path.join(dir, 'notes.json'), 'not json at all');
    expect(() => readPlans(dir)).toThrow('notes.json is not valid JSON: unexpected text at byte 1');
    fs.rmSync(path.join(dir, 'notes.json'));
    expect(readPlans(dir).map((p) => [p.stack, p.planned?.length])).toEqual([['a-plan', 9]]);
    fs.mkdirSync(path.join(dir, 'staging'));
    fs.writeFileSync(path.join(dir, 'staging', 'broken.json'), edited((p) => (p.resource_changes[3].address = 5)));
    expect(errorOf(() => readPlans(dir))).toBe(`${path.join('staging', 'broken.json')}: resource_changes[3].address must be a string, not 5.`);
  });

  test('a symbolic link inside a folder is not followed', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'real.json'), compact);
    const folder = path.join(dir, 'plans');
    fs.mkdirSync(folder);
    fs.symlinkSync(path.join(dir, 'real.json'), path.join(folder, 'link.json'));
    expect(errorOf(() => readPlans(folder))).toBe(`${folder} holds no Terraform plan in JSON: no .json file with "planned_values" (write one with terraform show -json plan.out > plan.json).`);
  });
});
