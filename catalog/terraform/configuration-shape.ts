import { GroundworkError } from '../../model/errors';
import type { Json } from '../../model/json-object';
import { checkNesting } from '../../model/read-json';
import { compile, describeShapeError } from '../../model/schema-validator';
import manifestSchema from '../schema/cdktf-manifest.schema.json';
import configurationSchema from '../schema/terraform-configuration.schema.json';

/** What the reader takes from cdktf's manifest.json (catalog/schema/cdktf-manifest.schema.json). */
export interface CdktfManifest {
  readonly stacks: Record<string, { readonly synthesizedStackPath: string; readonly workingDirectory?: string; readonly dependencies?: readonly string[] }>;
}

const validConfiguration = compile<Json>(configurationSchema);
const validManifest = compile<CdktfManifest>(manifestSchema);

/**
 * A parsed .tf.json checked before anything trusts it: nesting bounded, then the shape of
 * Terraform's JSON configuration syntax the reader relies on
 * (catalog/schema/terraform-configuration.schema.json); else one sentence naming the file and the
 * path in it. `nesting: false` for what synth wrote and parsed in this run (its expression check
 * has walked every value already): the walk costs a sixth of the parse.
 */
export function checkConfigurationShape(json: unknown, shown: string, options: { nesting?: boolean } = {}): Json {
  if (options.nesting !== false) checkNesting(json, shown);
  if (!validConfiguration(json)) throw new GroundworkError(`${shown}: ${describeShapeError(validConfiguration.errors![0], json)}.`);
  return json;
}

/** A parsed manifest.json checked the same way. */
export function checkManifestShape(json: unknown, shown: string): CdktfManifest {
  checkNesting(json, shown);
  if (!validManifest(json)) throw new GroundworkError(`${shown}: ${describeShapeError(validManifest.errors![0], json)}; re-run synth.`);
  return json;
}
