/**
 * What a golden path offers, as data: its options, their types, rules and defaults. Each golden
 * path declares its definition beside its class; `registry.ts` collects them for
 * `npm run golden-paths`, `npm run new-service` and the validation of props at synth.
 */

import { EGRESSES } from '../constructs/service-egress';
import { WEB_LINK } from '../model/golden-path-metadata';
import { NAME_PATTERN } from '../model/ownership-record';
import { CONTAINER_DEFAULTS, CPU_QUANTITY, MEMORY_QUANTITY, quantityProblem } from '../constructs/container-spec';
import { LITERAL_RULES } from '../constructs/literal-rules';
import { VISIBILITIES } from '../constructs/repository';
import { GroundworkError } from '../model/errors';
import type { ContainerProps, GoldenPathProps } from './service-base';

/** integer-map: whole numbers per environment name, e.g. `{ production: 4 }`. */
export type OptionType = 'string' | 'integer' | 'boolean' | 'list' | 'integer-map';

export interface GoldenPathOption {
  /** Command-line flag without dashes, e.g. replicas. */
  readonly flag: string;
  /** Prop it sets in the generated code. */
  readonly prop: string;
  readonly type: OptionType;
  readonly description: string;
  /** What happens when it is not given: its golden path's default (GoldenPathDefinition.defaults) where that is one value, else said in words. */
  readonly default: string;
  readonly choices?: readonly string[];
  readonly required?: boolean;
  /** For sizes and the like: the value goes in as `{ size: value }`. */
  readonly objectKey?: string;
  readonly pattern?: RegExp;
  readonly min?: number;
  readonly max?: number;
  /** A rule beyond the pattern: why the value is wrong, or undefined. */
  readonly check?: (value: string) => string | undefined;
  /** A prop of the TypeScript API only (structured or rarely needed), not offered by new-service. */
  readonly propOnly?: boolean;
}

/** A default that is one literal value. */
export type DefaultValue = string | number | boolean;
/** Defaults by prop, stated once: the golden path's code applies them and its options show them. */
export type Defaults = Readonly<Record<string, DefaultValue>>;

export type Operation = 'restart' | 'rollback' | 'scale';

export interface GoldenPathDefinition {
  /** Its name in the catalog and on the command line, e.g. http-service; also its file, golden-paths/<name>.ts. */
  readonly name: string;
  /** The class golden-paths/<name>.ts exports. */
  readonly className: string;
  readonly summary: string;
  readonly options: readonly GoldenPathOption[];
  /** Its own literal defaults, by prop (those of every golden path: COMMON_DEFAULTS). */
  readonly defaults: Defaults;
  /**
   * The day-2 operations its services get (the operations workflow, npm run ops, the catalog's
   * `operations`): scale needs a replicas option (ops writes replicasIn), rollback a version.
   */
  readonly operations: readonly Operation[];
}

/** An option as a golden path writes it: without a default where its prop has one in the path's defaults. */
export type OptionSpec = Omit<GoldenPathOption, 'default'> & { readonly default?: string };

/**
 * The options, each showing its prop's default from `defaults` (the one place that value is
 * stated), else its own words for it ('none' when it says nothing). An option stating a default
 * its prop has in `defaults` is refused: the fact would be stated twice.
 */
export function withDefaults(defaults: Defaults, specs: readonly OptionSpec[]): GoldenPathOption[] {
  return specs.map((o) => {
    const value = defaults[o.prop];
    if (value !== undefined && o.default !== undefined) throw new GroundworkError(`Golden path option --${o.flag} states the default "${o.default}" although its defaults give ${o.prop} one; state it once, in the defaults.`);
    return { ...o, default: value !== undefined ? String(value) : (o.default ?? 'none') };
  });
}

/** The defaults of every golden path. */
export const COMMON_DEFAULTS = { lifecycle: 'production', tier: 3, visibility: 'private' } as const satisfies Partial<GoldenPathProps>;

/** An image tag (OCI distribution spec), not `latest`. */
export const IMAGE_TAG = /^(?!latest$)[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
/** The version golden paths tag images with when none is given. */
export const DEFAULT_VERSION = '0.1.0';

/** Services a workload calls (`calls`): their names; connections allowed at both ends, in each environment. */
export const CALLS_OPTION: GoldenPathOption = { flag: 'calls', prop: 'calls', type: 'list', description: 'services of the organisation it calls (http-services), comma-separated', default: 'none', pattern: NAME_PATTERN, max: 50 };

/** Options every golden path takes (owner, cost center and tags are asked separately). */
export const COMMON_OPTIONS: readonly GoldenPathOption[] = withDefaults(COMMON_DEFAULTS, [
  { flag: 'description', prop: 'description', type: 'string', description: 'one line on what the service does', default: '(required)', required: true },
  { flag: 'environments', prop: 'environments', type: 'list', description: 'environments it runs in, comma-separated', default: 'every environment' },
  { flag: 'system', prop: 'system', type: 'string', description: 'Backstage system it belongs to', default: 'none', pattern: NAME_PATTERN },
  { flag: 'lifecycle', prop: 'lifecycle', type: 'string', description: 'lifecycle stage', choices: ['experimental', 'production', 'deprecated'] },
  { flag: 'tier', prop: 'tier', type: 'integer', description: 'criticality, 1 (highest) to 3', min: 1, max: 3 },
  { flag: 'runbook', prop: 'links.runbook', type: 'string', description: 'runbook URL (https: or http:)', default: 'none', pattern: WEB_LINK },
  { flag: 'docs', prop: 'links.docs', type: 'string', description: 'documentation URL (https: or http:)', default: 'none', pattern: WEB_LINK },
  { flag: 'dashboard', prop: 'links.dashboard', type: 'string', description: 'dashboard URL (https: or http:)', default: 'the built-in dashboard', pattern: WEB_LINK, propOnly: true },
  { flag: 'visibility', prop: 'visibility', type: 'string', description: 'repository visibility', choices: VISIBILITIES, propOnly: true },
]);

/** The container defaults of every workload golden path (cpu and memory are the Workload's own). */
export const CONTAINER_PATH_DEFAULTS = { version: DEFAULT_VERSION, cpu: CONTAINER_DEFAULTS.cpu, memory: CONTAINER_DEFAULTS.memory, egress: 'vpc' } as const satisfies Partial<ContainerProps>;

/** The container options of every workload golden path. */
export const CONTAINER_OPTIONS: readonly GoldenPathOption[] = withDefaults(CONTAINER_PATH_DEFAULTS, [
  { flag: 'version', prop: 'version', type: 'string', description: 'image tag (image is <registry>/<name>:<version>), not latest', pattern: IMAGE_TAG },
  { flag: 'image', prop: 'image', type: 'string', description: 'full image reference with an immutable tag or digest', default: '<registry>/<name>:<version>', pattern: LITERAL_RULES.containerImage.pattern, propOnly: true },
  { flag: 'cpu', prop: 'cpu', type: 'string', description: 'CPU request per pod (limit: twice)', pattern: CPU_QUANTITY, check: (v) => quantityProblem('cpu', v) },
  { flag: 'memory', prop: 'memory', type: 'string', description: 'memory request and limit per pod', pattern: MEMORY_QUANTITY, check: (v) => quantityProblem('memory', v) },
  { flag: 'egress', prop: 'egress', type: 'string', description: 'outbound beyond data stores, AWS APIs and DNS: vpc (none) or internet (HTTPS anywhere)', choices: EGRESSES },
]);

/** The data-store options; `queue` only where the queue is optional. */
export const storeOptions = (queue: boolean): GoldenPathOption[] => [
  { flag: 'database', prop: 'database', type: 'string', description: 'a PostgreSQL database of this size per environment', default: 'none', choices: ['small', 'medium', 'large'], objectKey: 'size' },
  ...(queue ? [{ flag: 'queue', prop: 'queue', type: 'boolean' as const, description: 'an SQS queue with a dead-letter queue per environment', default: 'none' }] : []),
  { flag: 'bucket', prop: 'bucket', type: 'boolean', description: 'a private S3 bucket per environment', default: 'none' },
];


/** Replica options of the long-running workload golden paths. */
export const REPLICA_OPTIONS: readonly GoldenPathOption[] = [
  { flag: 'replicas', prop: 'replicas', type: 'integer', description: 'minimum replicas', default: '2 in production, 1 elsewhere', min: 1, max: 100 },
  { flag: 'replicas-in', prop: 'replicasIn', type: 'integer-map', description: 'minimum replicas per environment, over replicas (npm run ops -- scale writes it)', default: 'replicas', min: 1, max: 100, propOnly: true },
  { flag: 'max-replicas', prop: 'maxReplicas', type: 'integer', description: 'maximum replicas the autoscaler may add', default: 'a multiple of replicas', min: 1, max: 1000, propOnly: true },
];

/** The day-2 operations a golden path declares for its services. */
export const operationsOf = (definition: GoldenPathDefinition): Operation[] => [...definition.operations];

/** What an operation needs of the definition: scale edits replicas and replicasIn, rollback the version. */
const OPERATION_NEEDS: Readonly<Record<Operation, readonly string[]>> = { restart: [], scale: ['replicas', 'replicasIn'], rollback: ['version'] };

/** Why a definition's operations cannot work, or undefined: each needs the props ops edits. */
export function operationsProblem(definition: GoldenPathDefinition): string | undefined {
  const props = new Set(definition.options.map((o) => o.prop));
  for (const operation of definition.operations) {
    const missing = OPERATION_NEEDS[operation].filter((p) => !props.has(p));
    if (missing.length) return `golden path ${definition.name} declares ${operation} but has no ${missing.join(' or ')} option for ops to edit`;
  }
  return undefined;
}

/** Every option of a golden path: those all golden paths share, then its own. */
export function allOptions(definition: GoldenPathDefinition): GoldenPathOption[] {
  return [...COMMON_OPTIONS, ...definition.options];
}

/**
 * Why a service name cannot be used, or undefined: the ownership schema's name rule, and a letter
 * first, because Terraform resource names are made from it and must start with a letter.
 */
export function serviceNameProblem(name: string): string | undefined {
  if (!NAME_PATTERN.test(name)) return 'must be lowercase letters, digits and hyphens, 1 to 63 characters, starting and ending with a letter or digit';
  if (!/^[a-z]/.test(name)) return 'must start with a letter: Terraform resource names are made from it';
  return undefined;
}
