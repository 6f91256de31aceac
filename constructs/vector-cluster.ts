import { DbSubnetGroup } from '@cdktf/provider-aws/lib/db-subnet-group';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { RdsCluster } from '@cdktf/provider-aws/lib/rds-cluster';
import { RdsClusterInstance } from '@cdktf/provider-aws/lib/rds-cluster-instance';
import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { Construct } from 'constructs';
import { stampAwsOwnership } from './aws-ownership-tags';
import { customerManagedKey, usableThrough } from './customer-managed-key';
import { databaseUserName } from './database-user';
import type { Environment } from './environment';
import type { IGrantee } from './grantee';
import { checkName, checkRange, NAME_RULES } from './names';
import type { Ownership } from './ownership';

export interface VectorClusterProps {
  readonly environment: Environment;
  readonly ownership: Ownership;
  /** Aurora capacity units the cluster may scale up to, 1 to 256. @default 4 */
  readonly maxCapacity?: number;
}

/** Where the knowledge base's vectors live in the cluster (created by the setup step). */
export const VECTOR_TABLE = { schema: 'bedrock_integration', table: 'knowledge_base', columns: { id: 'id', vector: 'embedding', text: 'chunks', metadata: 'metadata' } } as const;

/**
 * Aurora PostgreSQL Serverless v2 as a pgvector store for one knowledge base: the cheapest vector
 * store at small scale (it pauses at 0 ACU outside production). Encrypted with its own
 * customer-managed key, private (no ingress at all: Bedrock and the setup step use the Data API,
 * which Bedrock requires), master password kept by RDS. The knowledge base signs in as its own
 * database user, whose credentials are in `userSecret` (written by the setup step), never the master's.
 */
export class VectorCluster extends Construct {
  readonly cluster: RdsCluster;
  readonly clusterArn: string;
  readonly clusterIdentifier: string;
  readonly databaseName: string;
  /** The knowledge base's database user, and the secret that holds its credentials. */
  readonly userName: string;
  readonly userSecret: SecretsmanagerSecret;
  /** The master credentials' secret: the platform team's, granted to no role here. */
  readonly masterUserSecretArn: string;
  readonly key: KmsKey;

  constructor(scope: Construct, id: string, props: VectorClusterProps) {
    super(scope, id);
    const env = props.environment;
    const where = this.node.path;
    const service = props.ownership.service;
    stampAwsOwnership(this, props.ownership, env.defaultTags);
    const production = env.isProduction;
    this.clusterIdentifier = checkName(where, 'Aurora cluster', `${service}-${env.name}-vectors`, NAME_RULES.rdsIdentifier);
    this.databaseName = databaseUserName(service);
    this.userName = `${this.databaseName}_bedrock`.slice(0, 63);
    const maxCapacity = checkRange(where, 'maxCapacity', props.maxCapacity ?? 4, 1, 256);
    this.key = customerManagedKey(this, 'key', {
      description: `Encrypts the vector store ${this.clusterIdentifier} and its user's secret`,
      accountId: env.accountId,
      production,
      serviceStatement: usableThrough('RdsAndSecretsManagerEncrypt', env.accountId, [`rds.${env.region}.amazonaws.com`, `secretsmanager.${env.region}.amazonaws.com`]),
    });
    // No ingress rule: nothing connects over the network; the Data API reaches the cluster from inside AWS.
    const securityGroup = new SecurityGroup(this, 'security-group', { name: `${this.clusterIdentifier}-postgres`, description: `Vector store of ${service}: no network clients (Data API only)`, vpcId: env.vpcId, tags: { Name: `${this.clusterIdentifier}-postgres` } });
    const subnets = new DbSubnetGroup(this, 'subnet-group', { name: this.clusterIdentifier, description: `Private subnets of ${env.name} for ${this.clusterIdentifier}`, subnetIds: env.privateSubnetIds });
    this.cluster = new RdsCluster(this, 'cluster', {
      clusterIdentifier: this.clusterIdentifier,
      engine: 'aurora-postgresql',
      engineMode: 'provisioned',
      engineVersion: '16.6',
      databaseName: this.databaseName,
      masterUsername: 'platform_admin',
      manageMasterUserPassword: true,
      storageEncrypted: true,
      kmsKeyId: this.key.arn,
      enableHttpEndpoint: true,
      serverlessv2ScalingConfiguration: { minCapacity: production ? 0.5 : 0, maxCapacity, secondsUntilAutoPause: production ? undefined : 3600 },
      dbSubnetGroupName: subnets.name,
      vpcSecurityGroupIds: [securityGroup.id],
      deletionProtection: production,
      backupRetentionPeriod: production ? 14 : 3,
      skipFinalSnapshot: !production,
      finalSnapshotIdentifier: production ? `${this.clusterIdentifier}-final` : undefined,
      copyTagsToSnapshot: true,
    });
    // Production fails over to a second instance in another zone.
    for (const n of production ? [1, 2] : [1]) {
      new RdsClusterInstance(this, `instance-${n}`, { identifier: `${this.clusterIdentifier}-${n}`, clusterIdentifier: this.cluster.id, instanceClass: 'db.serverless', engine: this.cluster.engine, engineVersion: this.cluster.engineVersion, publiclyAccessible: false, autoMinorVersionUpgrade: true });
    }
    this.clusterArn = this.cluster.arn;
    this.masterUserSecretArn = this.cluster.masterUserSecret.get(0).secretArn;
    this.userSecret = new SecretsmanagerSecret(this, 'user-secret', {
      name: `groundwork/${env.name}/${service}/knowledge-base-database-user`,
      description: `Credentials of ${this.userName}, the knowledge base's database user (the setup step writes them)`,
      kmsKeyId: this.key.arn,
      recoveryWindowInDays: production ? 30 : 7,
    });
  }

  /** Lets a grantee query the vector table through the Data API as the knowledge base's user (its secret only). */
  grantDataApi(grantee: IGrantee): void {
    grantee.grant(`${this.node.id}-data-api`, [
      { actions: ['rds:DescribeDBClusters'], resources: [this.clusterArn] },
      { actions: ['rds-data:ExecuteStatement', 'rds-data:BatchExecuteStatement'], resources: [this.clusterArn] },
      { actions: ['secretsmanager:GetSecretValue'], resources: [this.userSecret.arn] },
      { actions: ['kms:Decrypt'], resources: [this.key.arn] },
    ]);
  }
}
