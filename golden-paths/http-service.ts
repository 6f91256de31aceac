import { CONTAINER_OPTIONS, GoldenPathDefinition, REPLICA_OPTIONS, storeOptions } from './golden-path-definition';
import type { Organisation } from './organisation';
import { ContainerProps, GoldenPathProps, GoldenPathService } from './service-base';
import { DatabaseOptions, DataStoreProps, ServiceFoundation } from './service-foundation';
import { Workload } from '../constructs/workload';

export type { DatabaseOptions } from './service-foundation';
export type { Lifecycle } from './service-base';

export interface HttpServiceProps extends GoldenPathProps, ContainerProps, DataStoreProps {
  /** Minimum replicas. @default 2 in production, 1 elsewhere */
  readonly replicas?: number;
  /** Minimum replicas per environment, over `replicas` (`npm run ops -- scale` writes it). @default replicas */
  readonly replicasIn?: Readonly<Record<string, number>>;
  /** @default 3 × replicas */
  readonly maxReplicas?: number;
  /** @default 8080 */
  readonly port?: number;
  /** A PostgreSQL database per environment. @default none */
  readonly database?: boolean | DatabaseOptions;
  /** An SQS queue (with dead-letter queue) per environment. @default none */
  readonly queue?: boolean;
  /** A private S3 bucket per environment. @default none */
  readonly bucket?: boolean;
}

/** What the service has in one environment. */
export interface ServiceEnvironment extends Pick<ServiceFoundation, 'role' | 'securityGroup' | 'database' | 'queue' | 'bucket' | 'observability'> {
  readonly name: string;
  readonly workload: Workload;
}

/**
 * The golden path for an HTTP service. One call creates, in the organisation's stacks:
 * - github/<name>: the repository (protected default branch, CODEOWNERS, team access, topics);
 * - <env>-aws/<name>: the workload's IAM role (IRSA), its security group, the optional
 *   PostgreSQL database, queue and bucket, each granted to the role and nothing else, and its
 *   log group, alarms (to the team's topic) and dashboard;
 * - <env>-kubernetes/<name>: the workload, wired to those through cross-stack references.
 */
export class HttpService extends GoldenPathService {
  readonly environments: Readonly<Record<string, ServiceEnvironment>>;

  constructor(organisation: Organisation, name: string, readonly props: HttpServiceProps) {
    super(organisation, name, props, HTTP_SERVICE_PATH);
    const environments: Record<string, ServiceEnvironment> = {};
    for (const envName of this.environmentNames) {
      const stacks = organisation.environments[envName];
      const ownership = this.ownershipIn(envName);
      const aws = new ServiceFoundation(stacks.aws, name, { organisation, environment: stacks.network, ownership, existing: this.existingIn(props.existing, envName), database: props.database, queue: props.queue, bucket: props.bucket });
      const workload = new Workload(stacks.kubernetes, name, {
        ownership,
        production: stacks.network.isProduction,
        image: this.imageOf(props),
        partOf: props.system,
        component: 'api',
        replicas: this.replicasFor(props, envName),
        maxReplicas: props.maxReplicas,
        cpu: props.cpu,
        memory: props.memory,
        port: props.port,
        roleArn: aws.role.roleArn,
        env: aws.variables,
      });
      this.uses(stacks.aws, envName, aws.observability);
      this.uses(stacks.kubernetes);
      environments[envName] = { name: envName, role: aws.role, securityGroup: aws.securityGroup, database: aws.database, queue: aws.queue, bucket: aws.bucket, observability: aws.observability, workload };
    }
    this.environments = environments;
    this.recordMetadata();
  }
}

/** The http-service golden path as data: `npm run golden-paths`, `new-service` and props validation read it. */
export const HTTP_SERVICE_PATH: GoldenPathDefinition = {
  name: 'http-service',
  className: HttpService.name,
  summary: 'An HTTP API on Kubernetes: Deployment, Service, autoscaler, disruption budget, IAM role, optional database, queue and bucket, alarms and dashboard.',
  options: [
    ...CONTAINER_OPTIONS,
    ...REPLICA_OPTIONS,
    { flag: 'port', prop: 'port', type: 'integer', description: 'container port', default: '8080', min: 1, max: 65535 },
    ...storeOptions(true),
  ],
};
