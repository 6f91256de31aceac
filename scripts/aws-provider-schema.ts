import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { ProviderSchema } from '../catalog/policy/provider-schema-facts';
import { GroundworkError } from '../model/errors';

export const AWS_PROVIDER = 'registry.terraform.io/hashicorp/aws';
export const AWS_PROVIDER_VERSION = '5.100.0';

/**
 * The pinned AWS provider's schema, from `terraform providers schema -json` in a scratch folder
 * initialised against the provider mirror (GROUNDWORK_TF_MIRROR): offline, no provider package imported.
 */
export function readAwsProviderSchema(mirror: string | undefined = process.env.GROUNDWORK_TF_MIRROR): ProviderSchema {
  if (!mirror || !fs.existsSync(mirror)) throw new GroundworkError('Set GROUNDWORK_TF_MIRROR to the folder holding registry.terraform.io/hashicorp/aws (the provider mirror).');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'groundwork-schema-'));
  try {
    const rc = path.join(dir, 'terraformrc');
    fs.writeFileSync(rc, `provider_installation {\n  filesystem_mirror {\n    path = ${JSON.stringify(mirror)}\n  }\n}\n`);
    fs.writeFileSync(path.join(dir, 'main.tf.json'), JSON.stringify({ terraform: { required_providers: { aws: { source: 'hashicorp/aws', version: AWS_PROVIDER_VERSION } } } }));
    const env = { ...process.env, TF_CLI_CONFIG_FILE: rc, CHECKPOINT_DISABLE: '1' };
    execFileSync('terraform', ['init', '-backend=false', '-input=false', '-no-color'], { cwd: dir, env, stdio: 'ignore' });
    const schema = JSON.parse(execFileSync('terraform', ['providers', 'schema', '-json'], { cwd: dir, env, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 }));
    return schema.provider_schemas[AWS_PROVIDER] as ProviderSchema;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The checked-in files the schema yields, by path relative to the repository, as they should read. */
export const SCHEMA_FILES = {
  taggable: 'catalog/policy/aws-taggable-types.json',
  sensitive: 'catalog/policy/aws-sensitive-arguments.json',
} as const;
