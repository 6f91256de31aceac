import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { Construct } from 'constructs';
import { stampAwsOwnership } from '../constructs/aws-ownership-tags';
import { Bucket, BucketAttributes, IBucket } from '../constructs/bucket';
import type { Environment } from '../constructs/environment';
import type { Ownership } from '../constructs/ownership';
import { DatabaseUser } from '../constructs/database-user';
import { DatabaseAttributes, DatabaseSize, IDatabase, PostgresDatabase } from '../constructs/postgres-database';
import { IQueue, Queue, QueueAttributes, QueueProps } from '../constructs/queue';
import type { PodEgress } from '../constructs/pod-network-policies';
import { Egress, ServiceEgress } from '../constructs/service-egress';
import { ServiceObservability } from '../constructs/service-observability';
import { ServiceRole } from '../constructs/service-role';
import type { Organisation } from './organisation';

export interface DatabaseOptions {
  /** small (db.t3.small), medium (db.t3.large) or large (db.m5.xlarge). @default 'small' */
  readonly size?: DatabaseSize;
  /** Overrides size. @default the class of size */
  readonly instanceClass?: string;
  /** GiB. @default 20 */
  readonly storageGb?: number;
}

/** Data stores that exist already in one environment, used instead of creating them (granted and watched the same way). */
export interface ExistingDataStores {
  readonly database?: DatabaseAttributes;
  readonly queue?: QueueAttributes;
  readonly bucket?: BucketAttributes;
}

/** What a golden path with data stores takes besides creating them. */
export interface DataStoreProps {
  /**
   * Data stores that exist already, per environment, used instead of creating them: granted to the
   * service's role, wired into its environment variables and watched by its alarms the same way.
   * @default none: the golden path creates what its props ask for
   */
  readonly existing?: Readonly<Record<string, ExistingDataStores>>;
}

export type QueueOptions = Pick<QueueProps, 'visibilityTimeoutSeconds' | 'maxReceiveCount' | 'retentionSeconds'>;

export interface ServiceFoundationProps {
  /** The organisation: settings, alert topics. */
  readonly organisation: Organisation;
  /** The environment it is created in: its network, region, account and the provider's default tags. */
  readonly environment: Environment;
  /** Who owns it: stamped as tags on everything it creates. */
  readonly ownership: Ownership;
  /** A PostgreSQL database. @default none */
  readonly database?: boolean | DatabaseOptions;
  /** An SQS queue with a dead-letter queue. @default none */
  readonly queue?: boolean | QueueOptions;
  /** A private S3 bucket. @default none */
  readonly bucket?: boolean;
  /** Data stores that exist already in this environment: used instead of creating the ones above. @default none */
  readonly existing?: ExistingDataStores;
  /** Alarm on failed Kubernetes Jobs (scheduled jobs). @default false */
  readonly jobFailures?: boolean;
  /** Port the pods listen on: the nodes' kubelets probe it, and in-cluster callers reach it, from the VPC. @default none */
  readonly port?: number;
  /** HTTPS to the internet besides AWS APIs, data stores and DNS. @default 'vpc': none */
  readonly egress?: Egress;
}

/**
 * The AWS side of a workload in one environment: its IAM role (IRSA), its security group, the data
 * stores it asked for, each granted to the role and nothing else, and its observability (log
 * group, alarms to the team's topic, dashboard). `variables` tells the pods where things are.
 */
export class ServiceFoundation extends Construct {
  readonly securityGroup: SecurityGroup;
  readonly role: ServiceRole;
  readonly database?: IDatabase;
  readonly queue?: IQueue;
  readonly bucket?: IBucket;
  readonly observability: ServiceObservability;
  readonly variables: Record<string, string>;
  /** Where its pods connect to, for the namespace's NetworkPolicies (the security group says the same in AWS terms). */
  readonly podEgress: PodEgress;

  constructor(scope: Construct, id: string, props: ServiceFoundationProps) {
    super(scope, id);
    const { environment: env, ownership } = props;
    const service = ownership.service;
    stampAwsOwnership(this, ownership, env.defaultTags);
    this.securityGroup = new SecurityGroup(this, 'security-group', {
      name: `${service}-${env.name}-service`,
      description: `Pods of ${service}; data stores admit this group`,
      vpcId: env.vpcId,
      tags: { Name: `${service}-${env.name}-service` },
    });
    if (props.port !== undefined) {
      new VpcSecurityGroupIngressRule(this, 'ingress-from-vpc', { securityGroupId: this.securityGroup.id, ipProtocol: 'tcp', fromPort: props.port, toPort: props.port, cidrIpv4: env.settings.cidr, description: 'Kubelet probes and in-cluster callers (NetworkPolicies narrow these)' });
    }
    this.role = new ServiceRole(this, 'role', { environment: env, ownership, namespace: service, serviceAccountName: service });

    this.variables = { AWS_REGION: env.region, SERVICE_ENVIRONMENT: env.name };
    const existing = props.existing ?? {};
    if (existing.database) this.database = PostgresDatabase.fromAttributes(this, 'database', existing.database, env);
    else if (props.database) {
      const options = props.database === true ? {} : props.database;
      this.database = new PostgresDatabase(this, 'database', { environment: env, ownership, clientSecurityGroupId: this.securityGroup.id, ...options });
    }
    if (this.database) {
      // IAM database authentication: the pods sign in as the service's own user with a token; no password, no master secret.
      const user = new DatabaseUser(this, 'database-user', { database: this.database, service, grantee: this.role });
      Object.assign(this.variables, { DATABASE_HOST: this.database.address, DATABASE_PORT: String(this.database.port), DATABASE_USER: user.userName, DATABASE_AUTH: 'iam' });
    }
    if (existing.queue) this.queue = Queue.fromAttributes(this, 'queue', existing.queue);
    else if (props.queue) {
      const options = props.queue === true ? {} : props.queue;
      this.queue = new Queue(this, 'queue', { environment: env, ownership, ...options });
    }
    if (this.queue) {
      this.queue.grantConsume(this.role);
      this.queue.grantSend(this.role);
      this.variables.QUEUE_URL = this.queue.queueUrl;
    }
    if (existing.bucket) this.bucket = Bucket.fromAttributes(this, 'bucket', existing.bucket);
    else if (props.bucket) this.bucket = new Bucket(this, 'bucket', { environment: env, organisationName: props.organisation.settings.name, ownership });
    if (this.bucket) {
      this.bucket.grantReadWrite(this.role);
      this.variables.BUCKET_NAME = this.bucket.bucketName;
    }
    const endpoints = env.awsApiEndpoints;
    new ServiceEgress(this, 'egress', {
      securityGroupId: this.securityGroup.id,
      vpcCidr: env.settings.cidr,
      awsEndpointsSecurityGroupId: endpoints.securityGroup.id,
      s3PrefixListId: this.bucket ? endpoints.s3PrefixListId : undefined,
      database: this.database ? { securityGroupId: this.database.securityGroupId, port: this.database.port } : undefined,
      egress: props.egress,
    });
    this.podEgress = { vpcCidr: env.settings.cidr, vpcPorts: [443, ...(this.database ? [this.database.port] : [])], internetHttps: props.egress === 'internet' || this.bucket !== undefined };
    this.observability = new ServiceObservability(this, 'observability', {
      environment: env,
      ownership,
      alertTopicArn: props.organisation.alertTopic(ownership.owner, env.name).topicArn,
      database: this.database,
      queue: this.queue,
      jobFailures: props.jobFailures,
    });
    this.variables.LOG_GROUP = this.observability.logGroupName;
  }
}
