import { cronProblem, timeZoneProblem } from '../model/cron-schedule';
import { CONTAINER_OPTIONS, CONTAINER_PATH_DEFAULTS, GoldenPathDefinition, storeOptions, withDefaults } from './golden-path-definition';
import { CONCURRENCY_POLICIES, ConcurrencyPolicy, ScheduledWorkload } from '../constructs/scheduled-workload';
import type { Organisation } from './organisation';
import { ContainerProps, GoldenPathProps, GoldenPathService } from './service-base';
import { DatabaseOptions, DataStoreProps, ServiceFoundation } from './service-foundation';

/** The scheduled-job defaults, stated once: the class applies them, its options show them. */
export const SCHEDULED_JOB_DEFAULTS = { timeZone: 'Etc/UTC', concurrencyPolicy: 'Forbid', timeoutSeconds: 3600, retries: 2 } as const satisfies Partial<ScheduledJobProps>;

export interface ScheduledJobProps extends GoldenPathProps, ContainerProps, DataStoreProps {
  /** Cron schedule (five fields), e.g. '15 3 * * *' for 03:15 every day. */
  readonly schedule: string;
  /** IANA time zone of the schedule. @default {@link SCHEDULED_JOB_DEFAULTS}.timeZone */
  readonly timeZone?: string;
  /** Forbid: a run is skipped while the previous one still runs. @default {@link SCHEDULED_JOB_DEFAULTS}.concurrencyPolicy */
  readonly concurrencyPolicy?: ConcurrencyPolicy;
  /** A run is stopped after this many seconds. @default {@link SCHEDULED_JOB_DEFAULTS}.timeoutSeconds */
  readonly timeoutSeconds?: number;
  /** Retries of a failed run. @default {@link SCHEDULED_JOB_DEFAULTS}.retries */
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
      const foundation = new ServiceFoundation(stacks.aws, name, { organisation, environment: stacks.network, ownership, existing: this.existingIn(props.existing, envName), database: props.database, queue: props.queue, bucket: props.bucket, jobFailures: true, egress: props.egress ?? CONTAINER_PATH_DEFAULTS.egress });
      const job = new ScheduledWorkload(stacks.kubernetes, name, {
        ownership,
        schedule: props.schedule,
        timeZone: props.timeZone ?? SCHEDULED_JOB_DEFAULTS.timeZone,
        image: this.imageOf(props),
        partOf: props.system,
        cpu: props.cpu,
        memory: props.memory,
        concurrencyPolicy: props.concurrencyPolicy ?? SCHEDULED_JOB_DEFAULTS.concurrencyPolicy,
        timeoutSeconds: props.timeoutSeconds ?? SCHEDULED_JOB_DEFAULTS.timeoutSeconds,
        backoffLimit: props.retries ?? SCHEDULED_JOB_DEFAULTS.retries,
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
  defaults: { ...CONTAINER_PATH_DEFAULTS, ...SCHEDULED_JOB_DEFAULTS },
  // A container that runs on a schedule is rolled back in code; it has no replicas to scale or pods to restart.
  operations: ['rollback'],
  // CONTAINER_OPTIONS as they are (not copied): the base class knows a container golden path by them.
  options: [
    ...withDefaults(SCHEDULED_JOB_DEFAULTS, [
      { flag: 'schedule', prop: 'schedule', type: 'string', description: "cron schedule, five fields, e.g. '15 3 * * *'", default: '(required)', required: true, check: (v) => (cronProblem(v) ? `is not a valid cron schedule: ${cronProblem(v)}` : undefined) },
      { flag: 'time-zone', prop: 'timeZone', type: 'string', description: 'IANA time zone of the schedule', check: timeZoneProblem },
      { flag: 'concurrency-policy', prop: 'concurrencyPolicy', type: 'string', description: 'what happens when a run is due while the last still runs', choices: CONCURRENCY_POLICIES, propOnly: true },
    ]),
    ...CONTAINER_OPTIONS,
    ...withDefaults(SCHEDULED_JOB_DEFAULTS, [
      { flag: 'timeout-seconds', prop: 'timeoutSeconds', type: 'integer', description: 'a run is stopped after this long', min: 60, max: 86400 },
      { flag: 'retries', prop: 'retries', type: 'integer', description: 'retries of a failed run', min: 0, max: 10, propOnly: true },
    ]),
    ...storeOptions(true),
  ],
};
