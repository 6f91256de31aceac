import { cronProblem, timeZoneProblem } from '../model/cron-schedule';
import { CONTAINER_OPTIONS, GoldenPathDefinition, storeOptions } from './golden-path-definition';
import { CONCURRENCY_POLICIES, ConcurrencyPolicy, ScheduledWorkload } from '../constructs/scheduled-workload';
import type { Organisation } from './organisation';
import { ContainerProps, GoldenPathProps, GoldenPathService } from './service-base';
import { DatabaseOptions, DataStoreProps, ServiceFoundation } from './service-foundation';

export interface ScheduledJobProps extends GoldenPathProps, ContainerProps, DataStoreProps {
  /** Cron schedule (five fields), e.g. '15 3 * * *' for 03:15 every day. */
  readonly schedule: string;
  /** IANA time zone of the schedule. @default 'Etc/UTC' */
  readonly timeZone?: string;
  /** @default 'Forbid': a run is skipped while the previous one still runs */
  readonly concurrencyPolicy?: ConcurrencyPolicy;
  /** A run is stopped after this many seconds. @default 3600 */
  readonly timeoutSeconds?: number;
  /** Retries of a failed run. @default 2 */
  readonly retries?: number;
  /** A PostgreSQL database per environment. @default none */
  readonly database?: boolean | DatabaseOptions;
  /** An SQS queue (with dead-letter queue) per environment. @default none */
  readonly queue?: boolean;
  /** A private S3 bucket per environment. @default none */
  readonly bucket?: boolean;
}

/**
 * The golden path for a scheduled job: a Kubernetes CronJob with bounded history, a concurrency
 * policy and a deadline, its IAM role and data stores, and an alarm when a run fails.
 */
export class ScheduledJob extends GoldenPathService {
  readonly environments: Readonly<Record<string, { foundation: ServiceFoundation; job: ScheduledWorkload }>>;

  constructor(organisation: Organisation, name: string, readonly props: ScheduledJobProps) {
    super(organisation, name, props, SCHEDULED_JOB_PATH);
    const environments: Record<string, { foundation: ServiceFoundation; job: ScheduledWorkload }> = {};
    for (const envName of this.environmentNames) {
      const stacks = organisation.environments[envName];
      const ownership = this.ownershipIn(envName);
      const foundation = new ServiceFoundation(stacks.aws, name, { organisation, environment: stacks.network, ownership, existing: this.existingIn(props.existing, envName), database: props.database, queue: props.queue, bucket: props.bucket, jobFailures: true, egress: props.egress });
      const job = new ScheduledWorkload(stacks.kubernetes, name, {
        ownership,
        schedule: props.schedule,
        timeZone: props.timeZone,
        image: this.imageOf(props),
        partOf: props.system,
        cpu: props.cpu,
        memory: props.memory,
        concurrencyPolicy: props.concurrencyPolicy,
        timeoutSeconds: props.timeoutSeconds,
        backoffLimit: props.retries,
        roleArn: foundation.role.roleArn,
        env: foundation.variables,
        securityGroupIds: [foundation.securityGroup.id],
        egress: foundation.podEgress,
      });
      this.uses(stacks.aws, envName, foundation.observability);
      this.uses(stacks.kubernetes);
      environments[envName] = { foundation, job };
    }
    this.environments = environments;
    this.recordMetadata();
  }
}

/** The scheduled-job golden path as data: `npm run golden-paths`, `new-service` and props validation read it. */
export const SCHEDULED_JOB_PATH: GoldenPathDefinition = {
  name: 'scheduled-job',
  className: ScheduledJob.name,
  summary: 'A Kubernetes CronJob with history limits, a concurrency policy and a deadline, its IAM role and data stores, an alarm on failed runs.',
  options: [
    { flag: 'schedule', prop: 'schedule', type: 'string', description: "cron schedule, five fields, e.g. '15 3 * * *'", default: '(required)', required: true, check: (v) => (cronProblem(v) ? `is not a valid cron schedule: ${cronProblem(v)}` : undefined) },
    { flag: 'time-zone', prop: 'timeZone', type: 'string', description: 'IANA time zone of the schedule', default: 'Etc/UTC', check: timeZoneProblem },
    { flag: 'concurrency-policy', prop: 'concurrencyPolicy', type: 'string', description: 'what happens when a run is due while the last still runs', default: 'Forbid', choices: CONCURRENCY_POLICIES, propOnly: true },
    ...CONTAINER_OPTIONS,
    { flag: 'timeout-seconds', prop: 'timeoutSeconds', type: 'integer', description: 'a run is stopped after this long', default: '3600', min: 60, max: 86400 },
    { flag: 'retries', prop: 'retries', type: 'integer', description: 'retries of a failed run', default: '2', min: 0, max: 10, propOnly: true },
    ...storeOptions(true),
  ],
};
