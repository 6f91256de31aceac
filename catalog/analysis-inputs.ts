import type { VariableArgument } from './terraform/variable-values';

/**
 * The inputs of the analysis besides the output folder, with the defaults every entry point uses
 * (synth, npm run catalog, cost and policy), so any of them rewrites the same reports.
 * Paths are relative to the working directory, the project root; none reaches a report absolute.
 */
export interface AnalysisInputs {
  /** Folder of <region>.json price tables. @default the built-in catalog/prices */
  readonly prices?: string;
  /** Folder of usage files (defaults.json, <service>.json). @default usage (absent: documented defaults) */
  readonly usage: string;
  /** The reviewed suppressions file (YAML). @default policy-suppressions.yaml (absent: none) */
  readonly suppressions: string;
  /** A Terraform plan in JSON (`terraform show -json`), or a folder of them, read instead of the output folder's Terraform JSON. */
  readonly plan?: string;
  /**
   * The folder no input path may lead out of (manifest entries, .tf.json files, symlinks).
   * @default the git top level of the output folder, else the output folder itself (model/analysis-root.ts)
   */
  readonly root?: string;
  /** `--var-file` and `--var` arguments for plain Terraform folders, in the order given (later ones win, as in Terraform). */
  readonly variables?: readonly VariableArgument[];
  /**
   * A Terraform state (`terraform show -json` of it, or a raw terraform.tfstate v4): catalog and
   * cost describe what exists; what it holds that the configuration folder no longer declares is
   * listed as orphaned.
   */
  readonly state?: string;
  /** Date suppressions' expiry is compared with (YYYY-MM-DD). @default today */
  readonly today?: string;
}

export const DEFAULT_INPUTS: AnalysisInputs = { usage: 'usage', suppressions: 'policy-suppressions.yaml' };

/** Where `npm run spend` leaves actual spend, inside an output directory; the analysis picks it up. */
export const SPEND_FOLDER = 'spend';
/** Where the analysis writes its reports, inside an output directory. */
export const CATALOG_FOLDER = 'catalog';
