/**
 * The golden paths as data: their options, types and defaults, for `npm run golden-paths` and
 * `npm run new-service`. No cdktf here: the command-line tools load this without the constructs.
 */

import { NAME_PATTERN } from '../model/ownership-record';

export type OptionType = 'string' | 'integer' | 'boolean' | 'list';

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
}

export interface GoldenPathDefinition {
  readonly name: string;
  /** Class exported by golden-paths/<name>.ts. */
  readonly className: string;
  readonly summary: string;
  readonly options: readonly GoldenPathOption[];
}

const CPU = /^([0-9]+m|[0-9]+(\.[0-9]+)?)$/;
const MEMORY = /^[0-9]+(Mi|Gi)$/;
const VERSION = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const URL = /^https:\/\/\S+$/;

/** Options every golden path takes (owner, cost center and tags are asked separately). */
export const COMMON_OPTIONS: readonly GoldenPathOption[] = [
  { flag: 'description', prop: 'description', type: 'string', description: 'one line on what the service does', default: '(required)', required: true },
  { flag: 'environments', prop: 'environments', type: 'list', description: 'environments it runs in, comma-separated', default: 'every environment' },
  { flag: 'system', prop: 'system', type: 'string', description: 'Backstage system it belongs to', default: 'none', pattern: NAME_PATTERN },
  { flag: 'lifecycle', prop: 'lifecycle', type: 'string', description: 'lifecycle stage', default: 'production', choices: ['experimental', 'production', 'deprecated'] },
  { flag: 'tier', prop: 'tier', type: 'integer', description: 'criticality, 1 (highest) to 3', default: '3', min: 1, max: 3 },
  { flag: 'runbook', prop: 'links.runbook', type: 'string', description: 'runbook URL', default: 'none', pattern: URL },
  { flag: 'docs', prop: 'links.docs', type: 'string', description: 'documentation URL', default: 'none', pattern: URL },
];

const image: GoldenPathOption[] = [
  { flag: 'version', prop: 'version', type: 'string', description: 'image tag (image is <registry>/<name>:<version>)', default: '0.1.0', pattern: VERSION },
  { flag: 'cpu', prop: 'cpu', type: 'string', description: 'CPU request per pod (limit: twice)', default: '250m', pattern: CPU },
  { flag: 'memory', prop: 'memory', type: 'string', description: 'memory request and limit per pod', default: '512Mi', pattern: MEMORY },
];
const stores = (queue: boolean): GoldenPathOption[] => [
  { flag: 'database', prop: 'database', type: 'string', description: 'a PostgreSQL database of this size per environment', default: 'none', choices: ['small', 'medium', 'large'], objectKey: 'size' },
  ...(queue ? [{ flag: 'queue', prop: 'queue', type: 'boolean' as const, description: 'an SQS queue with a dead-letter queue per environment', default: 'none' }] : []),
  { flag: 'bucket', prop: 'bucket', type: 'boolean', description: 'a private S3 bucket per environment', default: 'none' },
];

export const GOLDEN_PATHS: readonly GoldenPathDefinition[] = [
  {
    name: 'http-service',
    className: 'HttpService',
    summary: 'An HTTP API on Kubernetes: Deployment, Service, autoscaler, disruption budget, IAM role, optional database, queue and bucket, alarms and dashboard.',
    options: [
      ...image,
      { flag: 'replicas', prop: 'replicas', type: 'integer', description: 'minimum replicas', default: '2 in production, 1 elsewhere', min: 1, max: 100 },
      { flag: 'port', prop: 'port', type: 'integer', description: 'container port', default: '8080', min: 1, max: 65535 },
      ...stores(true),
    ],
  },
  {
    name: 'worker',
    className: 'Worker',
    summary: 'A queue consumer: its queue and dead-letter queue, no ingress, scaling on queue depth where the cluster serves queue metrics, alarms on dead letters and message age.',
    options: [
      ...image,
      { flag: 'replicas', prop: 'replicas', type: 'integer', description: 'minimum replicas', default: '2 in production, 1 elsewhere', min: 1, max: 100 },
      { flag: 'messages-per-replica', prop: 'messagesPerReplica', type: 'integer', description: 'queued messages per replica the autoscaler aims for', default: '100', min: 1, max: 100000 },
      ...stores(false),
    ],
  },
  {
    name: 'scheduled-job',
    className: 'ScheduledJob',
    summary: 'A Kubernetes CronJob with history limits, a concurrency policy and a deadline, its IAM role and data stores, an alarm on failed runs.',
    options: [
      { flag: 'schedule', prop: 'schedule', type: 'string', description: "cron schedule, five fields, e.g. '15 3 * * *'", default: '(required)', required: true },
      { flag: 'time-zone', prop: 'timeZone', type: 'string', description: 'IANA time zone of the schedule', default: 'Etc/UTC', pattern: /^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/ },
      ...image,
      { flag: 'timeout-seconds', prop: 'timeoutSeconds', type: 'integer', description: 'a run is stopped after this long', default: '3600', min: 60, max: 86400 },
      ...stores(true),
    ],
  },
  {
    name: 'static-site',
    className: 'StaticSite',
    summary: 'A static site: private S3 bucket behind CloudFront with origin access control, HTTPS only, security headers, access logs, a traffic dashboard.',
    options: [
      { flag: 'single-page-app', prop: 'singlePageApp', type: 'boolean', description: 'serve index.html for unknown paths', default: 'false' },
      { flag: 'price-class', prop: 'priceClass', type: 'string', description: 'CloudFront edge locations', default: 'PriceClass_100', choices: ['PriceClass_100', 'PriceClass_200', 'PriceClass_All'] },
    ],
  },
];

export function goldenPath(name: string): GoldenPathDefinition | undefined {
  return GOLDEN_PATHS.find((p) => p.name === name);
}
