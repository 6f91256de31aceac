import * as fs from 'fs';
import * as path from 'path';
import { GroundworkError } from '../../model/errors';
import type { ResourceRecord } from '../terraform/resource-index';
import { readResources } from '../terraform/ownership-inference';
import { readManifest, readTerraformOutput, TerraformConfiguration } from '../terraform/terraform-output';
import { AnalysisFiles, readAnalysisFiles } from './analysis-files';

/** One side of the comparison (base or head): its Terraform, its resources and its reports. */
export interface SynthesizedOutput {
  readonly label: string;
  readonly dir: string;
  readonly configurations: readonly TerraformConfiguration[];
  readonly resources: readonly ResourceRecord[];
  readonly analysis: AnalysisFiles;
}

/** Reads a synthesized output folder (manifest.json, stacks/, catalog/), or says why it is not one. */
export function readSynthesizedOutput(dir: string, label: string): SynthesizedOutput {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new GroundworkError(`The ${label} folder ${dir} does not exist: pass a synthesized output folder (cdktf.out).`);
  if (!fs.existsSync(path.join(dir, 'manifest.json'))) throw new GroundworkError(`The ${label} folder ${dir} is not a synthesized output: it has no manifest.json; run npm run synth.`);
  const configurations = readTerraformOutput(dir);
  return { label, dir, configurations, resources: readResources(configurations), analysis: readAnalysisFiles(dir, `The ${label}`) };
}

/** cdktf stack names; anything else (a path, say) is not used to name files. */
export const STACK_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

/** Stacks in dependency order (a stack after the stacks whose outputs it reads), from manifest.json. */
export function stacksInDependencyOrder(dir: string): string[] {
  const { stacks } = readManifest(dir);
  const ordered: string[] = [];
  const visiting = new Set<string>();
  const visit = (name: string) => {
    if (ordered.includes(name)) return;
    if (visiting.has(name)) throw new GroundworkError(`manifest.json in ${dir}: stacks depend on each other in a cycle through "${name}".`);
    visiting.add(name);
    for (const d of (stacks[name]?.dependencies ?? []).filter((x) => Object.hasOwn(stacks, x)).sort()) visit(d);
    visiting.delete(name);
    ordered.push(name);
  };
  for (const name of Object.keys(stacks).sort()) {
    if (!STACK_NAME.test(name)) throw new GroundworkError(`manifest.json in ${dir}: "${name}" is not a stack name (letters, digits, hyphens and underscores).`);
    visit(name);
  }
  return ordered;
}
