import { ScheduledWorkload } from '../constructs/scheduled-workload';
import type { Organisation } from './organisation';
import { ContainerProps, GoldenPathProps, GoldenPathService } from './service-base';
import { DatabaseOptions, ServiceFoundation } from './service-foundation';

export interface ScheduledJobProps extends GoldenPathProps, ContainerProps {
  /** Cron schedule (five fields), e.g. '15 3 * * *' for 03:15 every day. */
  readonly schedule: string;
  /** IANA time zone of the schedule. @default 'Etc/UTC' */
  readonly timeZone?: string;
  /** @default 'Forbid': a run is skipped while the previous one still runs */
  readonly concurrencyPolicy?: 'Allow' | 'Forbid' | 'Replace';
  /** A run is stopped after this many seconds. @default 3600 */
  readonly timeoutSeconds?: number;
  /** Retries of a failed run. @default 2 */
  readonly retries?: number;
  readonly database?: boolean | DatabaseOptions;
  readonly queue?: boolean;
  readonly bucket?: boolean;
}

/**
 * The golden path for a scheduled job: a Kubernetes CronJob with bounded history, a concurrency
 * policy and a deadline, its IAM role and data stores, and an alarm when a run fails.
 */
export class ScheduledJob extends GoldenPathService {
  readonly environments: Readonly<Record<string, { foundation: ServiceFoundation; job: ScheduledWorkload }>>;

  constructor(organisation: Organisation, name: string, readonly props: ScheduledJobProps) {
    super(organisation, name, props, 'scheduled-job');
    const environments: Record<string, { foundation: ServiceFoundation; job: ScheduledWorkload }> = {};
    for (const envName of this.environmentNames) {
      const stacks = organisation.environments[envName];
      const ownership = this.ownershipIn(envName);
      const foundation = new ServiceFoundation(stacks.aws, name, { organisation, environment: stacks.network, ownership, database: props.database, queue: props.queue, bucket: props.bucket, jobFailures: true });
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
      });
      this.uses(stacks.aws, envName, foundation.observability);
      this.uses(stacks.kubernetes);
      environments[envName] = { foundation, job };
    }
    this.environments = environments;
    this.recordMetadata();
  }
}
