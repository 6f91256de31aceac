import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { Aspects } from 'cdktf';
import { Construct } from 'constructs';
import { GroundworkError } from '../catalog/errors';
import { AwsOwnershipTags } from '../constructs/aws-ownership-tags';
import { Bucket } from '../constructs/bucket';
import { recordService } from '../constructs/catalog-metadata';
import { Ownership } from '../constructs/ownership';
import { DatabaseSize, PostgresDatabase } from '../constructs/postgres-database';
import { Queue } from '../constructs/queue';
import { Repository } from '../constructs/repository';
import { ServiceRole } from '../constructs/service-role';
import { Workload } from '../constructs/workload';
import type { Organisation } from './organisation';

export interface DatabaseOptions {
  /** small (db.t3.small), medium (db.t3.large) or large (db.m5.xlarge). @default 'small' */
  readonly size?: DatabaseSize;
  /** Overrides size. @default the class of size */
  readonly instanceClass?: string;
  /** GiB. @default 20 */
  readonly storageGb?: number;
}

export type Lifecycle = 'experimental' | 'production' | 'deprecated';

export interface HttpServiceProps {
  /** Owning team, one of the organisation's teams. */
  readonly owner: string;
  /** @default the team's first cost center */
  readonly costCenter?: string;
  /** One line on what the service does. */
  readonly description: string;
  /** Organisation-defined ownership keys, e.g. data-classification. @default the keys' defaults */
  readonly tags?: Readonly<Record<string, string>>;
  /** Environments the service runs in. @default every environment of the organisation */
  readonly environments?: readonly string[];
  /** Backstage system the service belongs to. @default the service name */
  readonly system?: string;
  /** @default 'production' */
  readonly lifecycle?: Lifecycle;
  /** Criticality, 1 (highest) to 3. @default 3 */
  readonly tier?: 1 | 2 | 3;
  /** @default none */
  readonly links?: { readonly runbook?: string; readonly docs?: string; readonly dashboard?: string };
  /** Container image with an immutable tag. @default `<registry>/<name>:<version>` */
  readonly image?: string;
  /** Image tag when `image` is not given. @default '0.1.0' */
  readonly version?: string;
  /** Minimum replicas. @default 2 in production, 1 elsewhere */
  readonly replicas?: number;
  /** @default 3 × replicas */
  readonly maxReplicas?: number;
  /** CPU request per pod. @default '250m' */
  readonly cpu?: string;
  /** Memory per pod. @default '512Mi' */
  readonly memory?: string;
  /** @default 8080 */
  readonly port?: number;
  /** A PostgreSQL database per environment. @default none */
  readonly database?: boolean | DatabaseOptions;
  /** An SQS queue (with dead-letter queue) per environment. @default none */
  readonly queue?: boolean;
  /** A private S3 bucket per environment. @default none */
  readonly bucket?: boolean;
  /** @default 'private' */
  readonly visibility?: 'private' | 'internal' | 'public';
}

/** What the service has in one environment. */
export interface ServiceEnvironment {
  readonly name: string;
  readonly ownership: Ownership;
  readonly role: ServiceRole;
  readonly securityGroup: SecurityGroup;
  readonly database?: PostgresDatabase;
  readonly queue?: Queue;
  readonly bucket?: Bucket;
  readonly workload: Workload;
}

/** Validates a service name before it becomes a construct id anywhere. */
function checkServiceName(name: string): void {
  if (!/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/.test(name)) {
    throw new GroundworkError(`Service name "${name}" must be lowercase letters, digits and hyphens, 1 to 63 characters, starting and ending with a letter or digit.`);
  }
}

/**
 * The golden path for an HTTP service. One call creates, in the organisation's stacks:
 * - github/<name>: the repository (protected default branch, CODEOWNERS, team access, topics);
 * - <env>-aws/<name>: the workload's IAM role (IRSA), its security group and the optional
 *   PostgreSQL database, queue and bucket, each granted to the role and nothing else;
 * - <env>-kubernetes/<name>: the workload, wired to those through cross-stack references.
 */
export class HttpService {
  readonly name: string;
  readonly ownership: Ownership;
  readonly repository: Repository;
  readonly environments: Readonly<Record<string, ServiceEnvironment>>;
  readonly props: HttpServiceProps;

  constructor(
    readonly organisation: Organisation,
    name: string,
    props: HttpServiceProps,
  ) {
    checkServiceName(name);
    this.name = name;
    this.props = props;
    const org = organisation;
    const input = { owner: props.owner, service: name, costCenter: props.costCenter, tags: props.tags };
    this.ownership = Ownership.resolve(org.validator, `github/${name}`, input);

    this.repository = new Repository(org.github, name, {
      ownership: this.ownership,
      team: org.team(props.owner),
      githubOwner: org.settings.githubOwner,
      description: props.description,
      visibility: props.visibility,
    });

    const envNames = props.environments ?? Object.keys(org.environments).sort();
    if (envNames.length === 0) throw new GroundworkError(`Service "${name}": environments is empty; list at least one of ${Object.keys(org.environments).join(', ')}.`);
    const environments: Record<string, ServiceEnvironment> = {};
    for (const envName of envNames) {
      environments[envName] = this.addEnvironment(envName, input);
    }
    this.environments = environments;

    const metadata = {
      goldenPath: 'http-service',
      name,
      owner: this.ownership.owner,
      costCenter: this.ownership.costCenter,
      description: props.description,
      ...(props.system ? { system: props.system } : {}),
      lifecycle: props.lifecycle ?? 'production',
      tier: props.tier ?? 3,
      links: { ...props.links },
      environments: envNames.slice().sort(),
      repositoryUrl: this.repository.url,
      tags: this.ownership.awsTags(),
    };
    for (const stack of [org.github, ...envNames.flatMap((e) => [org.environments[e].aws, org.environments[e].kubernetes])]) recordService(stack, metadata);
  }

  private addEnvironment(envName: string, input: Parameters<typeof Ownership.resolve>[2]): ServiceEnvironment {
    const org = this.organisation;
    const props = this.props;
    const stacks = org.environment(envName, `Service "${this.name}"`);
    const env = stacks.network;
    const ownership = Ownership.resolve(org.validator, `${stacks.aws.node.id}/${this.name}`, input, envName);

    const aws = new Construct(stacks.aws, this.name);
    Aspects.of(aws).add(new AwsOwnershipTags(ownership, env.defaultTags));
    const securityGroup = new SecurityGroup(aws, 'security-group', {
      name: `${this.name}-${envName}-service`,
      description: `Pods of ${this.name}; data stores admit this group`,
      vpcId: env.vpcId,
      tags: { Name: `${this.name}-${envName}-service` },
    });
    new VpcSecurityGroupEgressRule(aws, 'egress', {
      securityGroupId: securityGroup.id,
      ipProtocol: '-1',
      cidrIpv4: '0.0.0.0/0',
      description: 'Outbound to dependencies and AWS APIs',
    });
    const role = new ServiceRole(aws, 'role', { environment: env, ownership, namespace: this.name, serviceAccountName: this.name });

    const variables: Record<string, string> = { AWS_REGION: env.region, SERVICE_ENVIRONMENT: envName };
    let database: PostgresDatabase | undefined;
    if (props.database) {
      const options = props.database === true ? {} : props.database;
      database = new PostgresDatabase(aws, 'database', { environment: env, ownership, clientSecurityGroupId: securityGroup.id, ...options });
      database.grantConnect(role);
      Object.assign(variables, { DATABASE_HOST: database.address, DATABASE_PORT: String(database.port), DATABASE_SECRET_ARN: database.masterUserSecretArn });
    }
    let queue: Queue | undefined;
    if (props.queue) {
      queue = new Queue(aws, 'queue', { environment: env, ownership });
      queue.grantConsume(role);
      queue.grantSend(role);
      variables.QUEUE_URL = queue.queueUrl;
    }
    let bucket: Bucket | undefined;
    if (props.bucket) {
      bucket = new Bucket(aws, 'bucket', { environment: env, organisationName: org.settings.name, ownership });
      bucket.grantReadWrite(role);
      variables.BUCKET_NAME = bucket.bucketName;
    }

    const workload = new Workload(stacks.kubernetes, this.name, {
      ownership,
      production: env.isProduction,
      image: props.image ?? `${org.containerRegistry}/${this.name}:${props.version ?? '0.1.0'}`,
      partOf: props.system,
      component: 'api',
      replicas: props.replicas,
      maxReplicas: props.maxReplicas,
      cpu: props.cpu,
      memory: props.memory,
      port: props.port,
      roleArn: role.roleArn,
      env: variables,
    });
    return { name: envName, ownership, role, securityGroup, database, queue, bucket, workload };
  }
}
