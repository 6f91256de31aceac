/**
 * `npm run plan [-- <stack>...]`: plans each synthesized stack with terraform itself (cdktf.out is
 * plain Terraform) in dependency order, and writes `<dir>/plans/<stack>.json` (terraform show
 * -json) and `plans/plan-status.json` (planned, failed with terraform's first error line, or not
 * planned with the reason), which `npm run pr-report -- --plans` reads.
 *
 * `--offline` (tests, laptops without credentials): only providers found in the mirror named by
 * GROUNDWORK_TF_MIRROR are planned; each stack gets an `offline_override.tf.json` beside it with
 * the AWS provider's skip flags and no `allowed_account_ids` (which would call STS), and mock
 * credentials in terraform's environment. The override is removed afterwards: what was
 * synthesized is never changed. With `--base <dir>` (a base output planned offline), each stack is
 * planned with -refresh=false against the state the base's plan would leave (prior-state.ts), so
 * replacements and deletions come from terraform itself; without it the plan status says the
 * stack was planned against empty state.
 *
 * `--keep-plan-file` (deploy): terraform's saved plan stays in each planned stack's working
 * directory as `groundwork.tfplan`, the very plan whose JSON was written, so that
 * `npm run deploy-reviewed` applies what it compared and nothing planned later.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Command } from 'commander';
import { replaceFolder } from '../model/atomic-write';
import { claimOutputFolder, onlyEntries, OutputKind } from '../model/output-folder';
import { GroundworkError } from '../model/errors';
import { Json, membersOf } from '../model/json-object';
import { readJsonFile } from '../model/read-json';
import { analysisRoot } from '../model/analysis-root';
import { runCommand } from '../model/run-command';
import { stableJson } from '../model/stable-json';
import { stacksInDependencyOrder } from '../catalog/pr-report/output-folder';
import { PLAN_STATUS_FILE, PlanStatus, readPlanStatus, SAVED_PLAN_FILE as PLAN_FILE } from '../catalog/pr-report/plan-file';
import { TERMINAL_OUTPUT, printLine, writeErr } from '../model/terminal-text';
import { manifestPath, readConfigurationFile, readManifest } from '../catalog/terraform/terraform-output';
import { priorState, ProviderSchemas } from '../catalog/pr-report/prior-state';
import { automationEnv, terraform } from './terraform-cli';

const OVERRIDE_FILE = 'offline_override.tf.json';

/** `aws` or `hashicorp/aws` or `registry.terraform.io/hashicorp/aws` as [host, namespace, name]. */
function providerAddress(source: string): [string, string, string] {
  const parts = source.split('/');
  if (parts.length === 1) return ['registry.terraform.io', 'hashicorp', parts[0]];
  if (parts.length === 2) return ['registry.terraform.io', parts[0], parts[1]];
  return [parts[0], parts[1], parts[2]];
}

/** A stack's `terraform.required_providers`, as written ({} when it has none). */
const requiredProviders = (stack: Json): unknown => membersOf(stack.terraform).required_providers ?? {};

/** Why a stack cannot be planned offline: a provider that is not in the mirror. */
function missingProvider(stack: Json, mirror: string | undefined): string | undefined {
  const required = requiredProviders(stack) as Record<string, { source?: string; version?: string }>;
  for (const [name, requirement] of Object.entries(required).sort(([a], [b]) => (a < b ? -1 : 1))) {
    const [host, namespace, type] = providerAddress(requirement.source ?? name);
    const where = mirror && path.join(mirror, host, namespace, type, ...(requirement.version ? [requirement.version] : []));
    if (!mirror) return `offline mode needs GROUNDWORK_TF_MIRROR (a filesystem mirror of its providers), which is not set`;
    if (!fs.existsSync(where!)) return `provider ${namespace}/${type}${requirement.version ? ` ${requirement.version}` : ''} is not installed in the provider mirror (offline mode)`;
  }
  return undefined;
}

/** Where an offline plan keeps its throw-away state (inside terraform's own work folder). */
const OFFLINE_STATE = '.terraform/offline.tfstate';

/** The offline override: every AWS provider configuration skips the calls that need real credentials. */
function offlineOverride(stack: Json, withPriorState: boolean): Json | undefined {
  const aws = membersOf(stack.provider).aws;
  const configs = (aws === undefined ? [] : Array.isArray(aws) ? aws : [aws]) as Json[];
  const override: Json = {};
  if (configs.length) {
    override.provider = {
      aws: configs.map((c) => ({
        ...(c.alias ? { alias: c.alias } : {}),
        skip_credentials_validation: true,
        skip_requesting_account_id: true,
        skip_metadata_api_check: 'true',
        allowed_account_ids: null,
      })),
    };
  }
  // Remote state needs the real bucket: plan offline against a throw-away local state instead.
  const backend = membersOf(stack.terraform).backend;
  if ((backend && !membersOf(backend).local) || withPriorState) override.terraform = { backend: { local: { path: OFFLINE_STATE } } };
  return Object.keys(override).length ? override : undefined;
}

let cliConfig: string | undefined;

/** A terraform CLI config that installs providers from the mirror only (offline mode without TF_CLI_CONFIG_FILE). */
function mirrorCliConfig(mirror: string): string {
  if (!cliConfig) {
    cliConfig = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'groundwork-plan-')), 'terraformrc');
    fs.writeFileSync(cliConfig, `provider_installation {\n  filesystem_mirror {\n    path = ${JSON.stringify(path.resolve(mirror))}\n  }\n}\n`);
    process.on('exit', () => fs.rmSync(path.dirname(cliConfig!), { recursive: true, force: true }));
  }
  return cliConfig;
}

const schemas = new Map<string, ProviderSchemas>();

/** The base's plan and configuration of a stack, when the base output has them: the prior state of an offline plan. */
function basePlanOf(baseDir: string | undefined, stack: string): { plan: Json; configuration: Json } | undefined {
  if (!baseDir) return undefined;
  const planFile = path.join(baseDir, 'plans', `${stack}.json`);
  const configuration = path.join(baseDir, 'stacks', stack, 'cdk.tf.json');
  if (!fs.existsSync(planFile) || !fs.existsSync(configuration)) return undefined;
  return { plan: readJsonFile(planFile, `The base plan ${planFile}`) as Json, configuration: readJsonFile(configuration, `The base stack ${configuration}`) as Json };
}

function planStack(stackDir: string, json: Json, options: { offline: boolean; keepPlanFile: boolean }, base?: { plan: Json; configuration: Json }): { status: PlanStatus; planJson?: string } {
  const { offline } = options;
  // A saved plan from an earlier run is never mistaken for this one's.
  fs.rmSync(path.join(stackDir, PLAN_FILE), { force: true });
  let kept = false;
  const env = automationEnv();
  const overrideFile = path.join(stackDir, OVERRIDE_FILE);
  if (offline) {
    const missing = missingProvider(json, process.env.GROUNDWORK_TF_MIRROR);
    if (missing) return { status: { status: 'not-planned', reason: missing } };
    env.TF_CLI_CONFIG_FILE = mirrorCliConfig(process.env.GROUNDWORK_TF_MIRROR!);
    writeErr(`Planning ${path.basename(stackDir)} offline...\n`);
    Object.assign(env, { AWS_ACCESS_KEY_ID: 'mock-access-key', AWS_SECRET_ACCESS_KEY: 'mock-secret-key', AWS_SESSION_TOKEN: '', AWS_PROFILE: '' });
    const override = offlineOverride(json, base !== undefined);
    if (override) fs.writeFileSync(overrideFile, JSON.stringify(override, null, 2));
  }
  const stateFile = path.join(stackDir, OFFLINE_STATE);
  try {
    // Offline, the state is throw-away: a backend left by an earlier init is reconfigured, never migrated.
    const init = terraform(stackDir, ['init', '-input=false', '-no-color', ...(offline ? ['-reconfigure'] : [])], env);
    if (!init.ok) return { status: { status: 'failed', reason: `terraform init: ${init.error}` } };
    if (offline && base) {
      // The state the base would leave: terraform itself then says what the head replaces or deletes.
      // The schema gives each placeholder its type; the same providers, the same schema (it takes seconds to print).
      const providers = JSON.stringify(requiredProviders(json));
      if (!schemas.has(providers)) {
        const schema = terraform(stackDir, ['providers', 'schema', '-json'], env);
        if (!schema.ok) return { status: { status: 'failed', reason: `terraform providers schema: ${schema.error}` } };
        schemas.set(providers, JSON.parse(schema.stdout).provider_schemas ?? {});
      }
      fs.writeFileSync(stateFile, JSON.stringify(priorState(base.plan, schemas.get(providers)!, base.configuration)));
    }
    const plan = terraform(stackDir, ['plan', '-input=false', '-no-color', '-lock-timeout=5m', ...(offline && base ? ['-refresh=false'] : []), `-out=${PLAN_FILE}`], env);
    if (!plan.ok) return { status: { status: 'failed', reason: `terraform plan: ${plan.error}` } };
    const show = terraform(stackDir, ['show', '-json', '-no-color', PLAN_FILE], env);
    if (!show.ok) return { status: { status: 'failed', reason: `terraform show: ${show.error}` } };
    // The saved plan of exactly what was shown stays for deploy-reviewed to apply; any other outcome leaves none.
    kept = options.keepPlanFile;
    // Offline without the base's state, the plan cannot show what the change deletes: say so.
    return { status: { status: 'planned', ...(offline ? { against: base ? 'base-state' : 'empty-state' } : {}) }, planJson: show.stdout.endsWith('\n') ? show.stdout : `${show.stdout}\n` };
  } finally {
    fs.rmSync(overrideFile, { force: true });
    if (offline) fs.rmSync(stateFile, { force: true });
    if (!kept) fs.rmSync(path.join(stackDir, PLAN_FILE), { force: true });
  }
}

/** `<dir>/plans`: an unmarked one holding only plan-status.json and plan JSON was written by an earlier version. */
const PLANS_OUTPUT: OutputKind = { id: 'plans', name: 'the plans', writtenBefore: onlyEntries([PLAN_STATUS_FILE], (e) => e.endsWith('.json')) };

runCommand(() => {
  const program = new Command('plan').configureOutput(TERMINAL_OUTPUT)
    .description('terraform plan each synthesized stack in dependency order; writes <dir>/plans/')
    .argument('[stacks...]', 'stacks to plan (default: all)')
    .option('--dir <dir>', 'synthesized output', 'cdktf.out')
    .option('--offline', 'plan without cloud credentials: providers from GROUNDWORK_TF_MIRROR, mock credentials, skip flags', false)
    .option('--base <dir>', "offline: a base output planned with npm run plan; each stack is planned against the state the base's plan would leave")
    .option('--keep-plan-file', `leave terraform's saved plan (${PLAN_FILE}) in each planned stack's working directory, for npm run deploy-reviewed to apply`, false)
    .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : 1))
    .parse();
  const { dir, offline, base, keepPlanFile } = program.opts<{ dir: string; offline: boolean; base?: string; keepPlanFile: boolean }>();
  // An offline plan (mock credentials, throw-away state) is for reading, never for applying.
  if (keepPlanFile && offline) throw new GroundworkError('--keep-plan-file keeps a plan to apply; an offline plan (--offline: mock credentials, throw-away state) is never applied: drop one of the two.');
  if (base !== undefined && !offline) throw new GroundworkError('--base is for offline plans (--offline): a plan with credentials reads the real state.');
  if (base !== undefined && !fs.existsSync(path.join(base, 'plans', PLAN_STATUS_FILE))) throw new GroundworkError(`The base ${base} has no plans/${PLAN_STATUS_FILE}: plan it first (npm run plan -- --offline --dir ${base}).`);
  const plansDir = path.join(dir, 'plans');
  claimOutputFolder(plansDir, PLANS_OUTPUT);
  if (!fs.existsSync(path.join(dir, 'manifest.json'))) throw new GroundworkError(`${dir} is not a synthesized output: it has no manifest.json; run npm run synth first.`);
  const order = stacksInDependencyOrder(dir);
  const requested: string[] = program.args;
  const unknown = requested.filter((s) => !order.includes(s));
  if (unknown.length) throw new GroundworkError(`Stack "${unknown[0]}" is not in ${dir}: the stacks are ${order.join(', ')}.`);
  const root = analysisRoot(dir);
  const manifest = readManifest(dir, root);

  const statuses: Record<string, PlanStatus> = {};
  const files = new Map<string, string>();
  // Planning some stacks (one environment's credentials at a time) keeps the others' plans.
  if (requested.length && fs.existsSync(path.join(plansDir, PLAN_STATUS_FILE))) {
    for (const [stack, status] of Object.entries(readPlanStatus(plansDir))) {
      if (requested.includes(stack) || !order.includes(stack)) continue;
      statuses[stack] = status;
      const plan = path.join(plansDir, `${stack}.json`);
      if (fs.existsSync(plan)) files.set(`${stack}.json`, fs.readFileSync(plan, 'utf8'));
    }
  }
  for (const stack of order.filter((s) => !requested.length || requested.includes(s))) {
    const blocked = (manifest.stacks[stack].dependencies ?? []).find((d) => statuses[d]?.status === 'failed');
    if (blocked) {
      statuses[stack] = { status: 'not-planned', reason: `it reads the outputs of stack ${blocked}, whose plan failed` };
    } else {
      // Both paths come from the manifest: terraform runs, and the stack is read, only inside the root.
      const entry = manifest.stacks[stack];
      const json = readConfigurationFile(manifestPath(dir, entry.synthesizedStackPath, root), entry.synthesizedStackPath, root);
      const workingDirectory = manifestPath(dir, entry.workingDirectory ?? path.dirname(entry.synthesizedStackPath), root);
      const { status, planJson } = planStack(workingDirectory, json, { offline, keepPlanFile }, basePlanOf(base, stack));
      statuses[stack] = status;
      if (planJson) files.set(`${stack}.json`, planJson);
    }
    const s = statuses[stack];
    printLine(`${stack}: ${s.status === 'planned' ? 'planned' : `${s.status} (${s.reason})`}`);
  }
  const sorted = Object.fromEntries(order.filter((s) => s in statuses).map((s) => [s, statuses[s]]));
  files.set(PLAN_STATUS_FILE, stableJson({ stacks: sorted }));
  replaceFolder(plansDir, PLANS_OUTPUT, files);
  printLine(`Plans in ${path.join(dir, 'plans')}`);
  const failed = Object.entries(statuses).filter(([, s]) => s.status === 'failed');
  if (failed.length) throw new GroundworkError(`The plan of ${failed.map(([s]) => s).join(', ')} failed; the other plans were written.`, [], { outputWritten: true });
});
