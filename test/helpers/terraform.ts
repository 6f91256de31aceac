import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { gate } from './prerequisites';

/**
 * Terraform with the mirrored hashicorp/aws provider, offline. The mirror's location comes from
 * GROUNDWORK_TF_MIRROR (.ci/run finds it). Tests that need them use `withTerraform.test`: skipped
 * loudly where either is missing, failed under CI=true, never pretending to have run.
 */
export const mirror = process.env.GROUNDWORK_TF_MIRROR;

function terraformVersion(): string | undefined {
  const result = spawnSync('terraform', ['version'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.split('\n')[0] : undefined;
}

const HOW = 'install terraform 1.11 and point GROUNDWORK_TF_MIRROR at a filesystem mirror of hashicorp/aws 5.100.0 (README, Quick start)';

function whyMissing(): string | undefined {
  if (!mirror) return `GROUNDWORK_TF_MIRROR is not set; ${HOW}.`;
  if (!fs.existsSync(path.join(mirror, 'registry.terraform.io', 'hashicorp', 'aws'))) return `GROUNDWORK_TF_MIRROR=${mirror} holds no registry.terraform.io/hashicorp/aws; ${HOW}.`;
  if (!terraformVersion()) return `terraform is not on PATH; ${HOW}.`;
  return undefined;
}

export const withTerraform = gate({ id: 'terraform', what: 'terraform and the hashicorp/aws provider mirror', missing: whyMissing() });
export const terraformAvailable = withTerraform.available;

let cliConfig: string | undefined;

/** A CLI config that installs hashicorp/aws from the mirror only, plus a shared plugin cache. */
function terraformEnv(): NodeJS.ProcessEnv {
  if (!cliConfig) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'groundwork-tfrc-'));
    fs.mkdirSync(path.join(dir, 'plugin-cache'));
    cliConfig = path.join(dir, 'terraformrc');
    fs.writeFileSync(
      cliConfig,
      `plugin_cache_dir = ${JSON.stringify(path.join(dir, 'plugin-cache'))}\nprovider_installation {\n  filesystem_mirror {\n    path = ${JSON.stringify(mirror)}\n  }\n}\n`,
    );
  }
  return { ...process.env, TF_CLI_CONFIG_FILE: cliConfig, TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1' };
}

/** Runs terraform in a directory; returns stdout, throws with stderr on failure. */
export function terraform(dir: string, args: string[], input?: string): string {
  try {
    return execFileSync('terraform', args, { cwd: dir, env: terraformEnv(), encoding: 'utf8', input, stdio: ['pipe', 'pipe', 'pipe'], maxBuffer: 512 * 1024 * 1024 });
  } catch (error) {
    const e = error as { stderr?: string; stdout?: string };
    throw new Error(`terraform ${args.join(' ')} failed in ${dir}:\n${`${e.stderr ?? ''}${e.stdout ?? ''}`.slice(0, 4000)}`);
  }
}

/**
 * `terraform init`, `validate` and `plan` of a synthesized AWS stack offline: mock credentials, no
 * account lookups, a throw-away local state (what `npm run plan -- --offline` writes); returns
 * whether it validated and the plan as `terraform show -json` gives it.
 */
export function validateAndPlanOffline(dir: string): { valid: boolean; plan: Record<string, any> } {
  fs.writeFileSync(path.join(dir, 'offline_override.tf.json'), JSON.stringify({ provider: { aws: { skip_credentials_validation: true, skip_requesting_account_id: true, skip_metadata_api_check: 'true', allowed_account_ids: null } }, terraform: { backend: { local: { path: path.join(dir, 'offline.tfstate') } } } }));
  process.env.AWS_ACCESS_KEY_ID ??= 'mock';
  process.env.AWS_SECRET_ACCESS_KEY ??= 'mock';
  terraform(dir, ['init', '-input=false', '-no-color']);
  const valid = JSON.parse(terraform(dir, ['validate', '-json', '-no-color'])).valid === true;
  terraform(dir, ['plan', '-input=false', '-no-color', '-lock=false', '-refresh=false', '-out=plan.out']);
  return { valid, plan: JSON.parse(terraform(dir, ['show', '-json', 'plan.out'])) };
}

export function initAndValidate(dir: string): Record<string, any> {
  terraform(dir, ['init', '-backend=false', '-input=false', '-no-color']);
  return JSON.parse(terraform(dir, ['validate', '-json', '-no-color']));
}

/** The AWS provider's own resource schemas (`terraform providers schema -json`), by type. */
export function awsResourceSchemas(workDir: string): Record<string, { block: { attributes?: Record<string, { type?: unknown }>; block_types?: Record<string, unknown> } }> {
  fs.writeFileSync(path.join(workDir, 'main.tf.json'), JSON.stringify({ terraform: { required_providers: { aws: { source: 'hashicorp/aws', version: '5.100.0' } } } }));
  terraform(workDir, ['init', '-backend=false', '-input=false', '-no-color']);
  const schema = JSON.parse(terraform(workDir, ['providers', 'schema', '-json']));
  return schema.provider_schemas['registry.terraform.io/hashicorp/aws'].resource_schemas;
}

/** Which resource types take a `tags` map, by the provider's own schema, independently of the cdktf classes the platform reads it from. */
export function awsTaggableTypes(workDir: string): Set<string> {
  const types = awsResourceSchemas(workDir);
  return new Set(
    Object.entries(types)
      .filter(([, s]) => JSON.stringify(s.block.attributes?.tags?.type) === JSON.stringify(['map', 'string']))
      .map(([type]) => type),
  );
}

/** Terraform alone (no provider mirror): enough for its built-in `terraform_data` resource, which plans and applies offline. */
export const withTerraformCli = gate({ id: 'terraform', what: 'terraform', missing: terraformVersion() ? undefined : 'terraform is not on PATH; install terraform 1.11 (README, Quick start).' });
