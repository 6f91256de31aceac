import { CALLS_OPTION, CONTAINER_OPTIONS, CONTAINER_PATH_DEFAULTS, GoldenPathDefinition, REPLICA_OPTIONS, storeOptions, withDefaults } from './golden-path-definition';
import { Workload } from '../constructs/workload';
import type { Organisation } from './organisation';
import { CallerProps, ContainerProps, GoldenPathProps, GoldenPathService } from './service-base';
import type { CallEnd } from '../constructs/service-call-rules';
import { DatabaseOptions, QueueOptions, DataStoreProps, ServiceFoundation } from './service-foundation';

/** The worker defaults, stated once: the class applies them, its options show them. */
export const WORKER_DEFAULTS = { healthPort: 8080, messagesPerReplica: 100 } as const satisfies Partial<WorkerProps>;

export interface WorkerProps extends GoldenPathProps, ContainerProps, DataStoreProps, CallerProps {
  /** Minimum replicas. @default 2 in production, 1 elsewhere */
  readonly replicas?: number;
  /** Minimum replicas per environment, over `replicas` (`npm run ops -- scale` writes it). @default replicas */
  readonly replicasIn?: Readonly<Record<string, number>>;
  /** @default 10 × replicas */
  readonly maxReplicas?: number;
  /** Port of the health endpoint the probes call; nothing else reaches the pods. @default {@link WORKER_DEFAULTS}.healthPort */
  readonly healthPort?: number;
  /** The input queue (always created) and its settings. @default visibility 30 s, 5 receives */
  readonly queue?: QueueOptions;
  /** Visible messages per replica the autoscaler aims for, where the cluster serves queue metrics. @default {@link WORKER_DEFAULTS}.messagesPerReplica */
  readonly messagesPerReplica?: number;
  /** A PostgreSQL database per environment. @default none */
  readonly database?: boolean | DatabaseOptions;
  /** A private S3 bucket per environment. @default none */
  readonly bucket?: boolean;
}

/**
 * The golden path for a queue consumer: its input queue with a dead-letter queue, the consumer
 * Deployment with no ingress (no Service; a NetworkPolicy denies all inbound traffic), scaling
 * on queue depth where the cluster serves external metrics and on CPU elsewhere, alarms on
 * dead letters and message age.
 */
export class Worker extends GoldenPathService {
  readonly environments: Readonly<Record<string, { foundation: ServiceFoundation; workload: Workload }>>;

  constructor(organisation: Organisation, name: string, readonly props: WorkerProps) {
    super(organisation, name, props, WORKER_PATH);
    const environments: Record<string, { foundation: ServiceFoundation; workload: Workload }> = {};
    const ends: Record<string, CallEnd> = {};
    for (const envName of this.environmentNames) {
      const stacks = organisation.environments[envName];
      const ownership = this.ownershipIn(envName);
      const foundation = new ServiceFoundation(stacks.aws, name, { organisation, environment: stacks.network, ownership, existing: this.existingIn(props.existing, envName), queue: props.queue ?? true, database: props.database, bucket: props.bucket, port: props.healthPort ?? WORKER_DEFAULTS.healthPort, egress: props.egress ?? CONTAINER_PATH_DEFAULTS.egress });
      const queueName = foundation.queue!.queueName;
      const replicas = this.replicasFor(props, envName);
      const workload = new Workload(stacks.kubernetes, name, {
        ownership,
        production: stacks.network.isProduction,
        image: this.imageOf(props),
        partOf: props.system,
        component: 'worker',
        replicas,
        maxReplicas: props.maxReplicas ?? (replicas ?? (stacks.network.isProduction ? 2 : 1)) * 10,
        cpu: props.cpu,
        memory: props.memory,
        port: props.healthPort ?? WORKER_DEFAULTS.healthPort,
        expose: false,
        roleArn: foundation.role.roleArn,
        env: { ...foundation.variables, ...this.callVariables(this.calls) },
        securityGroupIds: [foundation.securityGroup.id],
        network: { egress: foundation.podEgress },
        scaling: stacks.settings.kubernetes?.externalMetrics
          ? { metric: 'external', name: 'sqs_approximate_number_of_messages_visible', selector: { queue_name: queueName }, averageValue: props.messagesPerReplica ?? WORKER_DEFAULTS.messagesPerReplica }
          : { metric: 'cpu' },
      });
      this.uses(stacks.aws, envName, foundation.observability);
      this.uses(stacks.kubernetes);
      ends[envName] = this.callEnd(foundation, foundation, workload);
      environments[envName] = { foundation, workload };
    }
    this.environments = environments;
    // A worker calls, but takes no calls: no port.
    organisation.calls.register({ service: name, goldenPath: WORKER_PATH.name, environments: this.environmentNames, ends }, this.calls);
    this.recordMetadata();
  }
}

/** The worker golden path as data: `npm run golden-paths`, `new-service` and props validation read it. */
export const WORKER_PATH: GoldenPathDefinition = {
  name: 'worker',
  className: Worker.name,
  summary: 'A queue consumer: its queue and dead-letter queue, no ingress, scaling on queue depth where the cluster serves queue metrics, alarms on dead letters and message age.',
  defaults: { ...CONTAINER_PATH_DEFAULTS, ...WORKER_DEFAULTS },
  operations: ['restart', 'rollback', 'scale'],
  options: [
    ...CONTAINER_OPTIONS,
    ...REPLICA_OPTIONS,
    ...withDefaults(WORKER_DEFAULTS, [
      { flag: 'messages-per-replica', prop: 'messagesPerReplica', type: 'integer', description: 'queued messages per replica the autoscaler aims for', min: 1, max: 100000 },
      { flag: 'health-port', prop: 'healthPort', type: 'integer', description: 'port of the health endpoint the probes call', min: 1, max: 65535, propOnly: true },
    ]),
    CALLS_OPTION,
    ...storeOptions(false),
  ],
};
