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

/** integer-map: whole numbers per environment name, e.g. `{ production: 4 }`. */
export type OptionType = 'string' | 'integer' | 'boolean' | 'list' | 'integer-map';

export interface GoldenPathOption {
  /** Command-line flag without dashes, e.g. replicas. */
  readonly flag: string;
  /** Prop it sets in the generated code. */
  readonly prop: string;
  readonly type: OptionType;
  readonly description: string;
  /** What happens when it is not given, as the props document it. */
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

export interface GoldenPathDefinition {
  /** Its name in the catalog and on the command line, e.g. http-service; also its file, golden-paths/<name>.ts. */
  readonly name: string;
  /** The class golden-paths/<name>.ts exports. */
  readonly className: string;
  readonly summary: string;
  readonly options: readonly GoldenPathOption[];
}

/** An image tag (OCI distribution spec), not `latest`. */
export const IMAGE_TAG = /^(?!latest$)[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
/** The version golden paths tag images with when none is given. */
export const DEFAULT_VERSION = '0.1.0';

/** Services a workload calls (`calls`): their names; connections allowed at both ends, in each environment. */
export const CALLS_OPTION: GoldenPathOption = { flag: 'calls', prop: 'calls', type: 'list', description: 'services of the organisation it calls (http-services), comma-separated', default: 'none', pattern: NAME_PATTERN, max: 50 };

/** Options every golden path takes (owner, cost center and tags are asked separately). */
export const COMMON_OPTIONS: readonly GoldenPathOption[] = [
  { flag: 'description', prop: 'description', type: 'string', description: 'one line on what the service does', default: '(required)', required: true },
  { flag: 'environments', prop: 'environments', type: 'list', description: 'environments it runs in, comma-separated', default: 'every environment' },
  { flag: 'system', prop: 'system', type: 'string', description: 'Backstage system it belongs to', default: 'none', pattern: NAME_PATTERN },
  { flag: 'lifecycle', prop: 'lifecycle', type: 'string', description: 'lifecycle stage', default: 'production', choices: ['experimental', 'production', 'deprecated'] },
  { flag: 'tier', prop: 'tier', type: 'integer', description: 'criticality, 1 (highest) to 3', default: '3', min: 1, max: 3 },
  { flag: 'runbook', prop: 'links.runbook', type: 'string', description: 'runbook URL (https: or http:)', default: 'none', pattern: WEB_LINK },
  { flag: 'docs', prop: 'links.docs', type: 'string', description: 'documentation URL (https: or http:)', default: 'none', pattern: WEB_LINK },
  { flag: 'dashboard', prop: 'links.dashboard', type: 'string', description: 'dashboard URL (https: or http:)', default: 'the built-in dashboard', pattern: WEB_LINK, propOnly: true },
  { flag: 'visibility', prop: 'visibility', type: 'string', description: 'repository visibility', default: 'private', choices: VISIBILITIES, propOnly: true },
];

/** The container options of every workload golden path. */
export const CONTAINER_OPTIONS: readonly GoldenPathOption[] = [
  { flag: 'version', prop: 'version', type: 'string', description: 'image tag (image is <registry>/<name>:<version>), not latest', default: DEFAULT_VERSION, pattern: IMAGE_TAG },
  { flag: 'image', prop: 'image', type: 'string', description: 'full image reference with an immutable tag or digest', default: '<registry>/<name>:<version>', pattern: LITERAL_RULES.containerImage.pattern, propOnly: true },
  { flag: 'cpu', prop: 'cpu', type: 'string', description: 'CPU request per pod (limit: twice)', default: CONTAINER_DEFAULTS.cpu, pattern: CPU_QUANTITY, check: (v) => quantityProblem('cpu', v) },
  { flag: 'memory', prop: 'memory', type: 'string', description: 'memory request and limit per pod', default: CONTAINER_DEFAULTS.memory, pattern: MEMORY_QUANTITY, check: (v) => quantityProblem('memory', v) },
  { flag: 'egress', prop: 'egress', type: 'string', description: 'outbound beyond data stores, AWS APIs and DNS: vpc (none) or internet (HTTPS anywhere)', default: 'vpc', choices: EGRESSES },
];

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

export type Operation = 'restart' | 'rollback' | 'scale';

/**
 * Day-2 operations a golden path's services get: a long-running workload (replicas) can be
 * restarted, scaled and rolled back; a container that runs on a schedule rolled back (in code);
 * anything else (a static site) has none.
 */
export function operationsOf(definition: GoldenPathDefinition): Operation[] {
  const flags = new Set(definition.options.map((o) => o.flag));
  if (flags.has('replicas')) return ['restart', 'rollback', 'scale'];
  return flags.has('version') ? ['rollback'] : [];
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
