/**
 * `npm run taggable-types`: regenerates catalog/policy/aws-taggable-types.json from the AWS
 * provider's own schema (`terraform providers schema -json`), so the tagging rules know which
 * types take tags without importing any provider package. Needs terraform and the provider
 * mirror (GROUNDWORK_TF_MIRROR); run it when the pinned provider version changes.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { replaceFile } from '../model/atomic-write';
import { GroundworkError } from '../model/errors';
import { stableJson } from '../model/stable-json';
import { runCommand } from '../model/run-command';
import { printLine } from '../model/terminal-text';

export const AWS_PROVIDER_VERSION = '5.100.0';

runCommand(() => {
  const mirror = process.env.GROUNDWORK_TF_MIRROR;
  if (!mirror || !fs.existsSync(mirror)) throw new GroundworkError('Set GROUNDWORK_TF_MIRROR to the folder holding registry.terraform.io/hashicorp/aws (the provider mirror).');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'groundwork-schema-'));
  try {
    const rc = path.join(dir, 'terraformrc');
    fs.writeFileSync(rc, `provider_installation {\n  filesystem_mirror {\n    path = ${JSON.stringify(mirror)}\n  }\n}\n`);
    fs.writeFileSync(path.join(dir, 'main.tf.json'), JSON.stringify({ terraform: { required_providers: { aws: { source: 'hashicorp/aws', version: AWS_PROVIDER_VERSION } } } }));
    const env = { ...process.env, TF_CLI_CONFIG_FILE: rc, CHECKPOINT_DISABLE: '1' };
    execFileSync('terraform', ['init', '-backend=false', '-input=false', '-no-color'], { cwd: dir, env, stdio: 'ignore' });
    const schema = JSON.parse(execFileSync('terraform', ['providers', 'schema', '-json'], { cwd: dir, env, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 }));
    const resources = schema.provider_schemas['registry.terraform.io/hashicorp/aws'].resource_schemas as Record<string, { block: { attributes?: Record<string, { type?: unknown }> } }>;
    const types = Object.keys(resources)
      .filter((t) => JSON.stringify(resources[t].block.attributes?.tags?.type) === '["map","string"]')
      .sort();
    const target = path.join(__dirname, '..', '..', 'catalog', 'policy', 'aws-taggable-types.json');
    replaceFile(target, stableJson({ provider: 'registry.terraform.io/hashicorp/aws', version: AWS_PROVIDER_VERSION, source: 'terraform providers schema -json: resource types with a tags argument of type map(string)', types }));
    printLine(`${types.length} taggable AWS resource types written to ${target}.`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
