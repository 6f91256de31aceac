import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';
import { DbParameterGroup } from '@cdktf/provider-aws/lib/db-parameter-group';
import { DbSubnetGroup } from '@cdktf/provider-aws/lib/db-subnet-group';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { Construct, IConstruct } from 'constructs';
import { GroundworkError } from '../model/errors';
import { stampAwsOwnership } from './aws-ownership-tags';
import type { Environment } from './environment';
import { checkName, checkRange, NAME_RULES } from './names';
import type { Ownership } from './ownership';
import type { IGrantee } from './grantee';
import { checkLiterals } from './literal-rules';

/** T-shirt sizes the platform vets; `instanceClass` overrides. */
export const DATABASE_SIZES = {
  small: 'db.t3.small',
  medium: 'db.t3.large',
  large: 'db.m5.xlarge',
} as const;
export type DatabaseSize = keyof typeof DATABASE_SIZES;

export interface PostgresDatabaseProps {
  /** The environment it is created in: its network, region, account and the provider's default tags. */
  readonly environment: Environment;
  /** Who owns it: stamped as tags on everything it creates (see Ownership.resolve). */
  readonly ownership: Ownership;
  /** Security group of the owning service: the only source admitted on the database port. */
  readonly clientSecurityGroupId: string;
  /** @default 'small' */
  readonly size?: DatabaseSize;
  /** Overrides `size`, e.g. db.r6g.large. @default the class of `size` */
  readonly instanceClass?: string;
  /** PostgreSQL major version. @default '16' */
  readonly engineVersion?: string;
  /** Allocated storage in GiB, 20 to 65536. @default 20 */
  readonly storageGb?: number;
  /** Storage autoscaling ceiling in GiB. @default 5 × storageGb */
  readonly maxStorageGb?: number;
  /** gp2, gp3 or io1. @default 'gp3' */
  readonly storageType?: 'gp2' | 'gp3' | 'io1';
  /** Provisioned IOPS, required for io1. @default none */
  readonly iops?: number;
  /** @default true in production, false elsewhere */
  readonly multiAz?: boolean;
  /** @default true in production, false elsewhere */
  readonly deletionProtection?: boolean;
  /** Days automated backups are kept, 1 to 35 (at least 7 in production). @default 14 in production, 3 elsewhere */
  readonly backupRetentionDays?: number;
  /** Name of the database created in the instance. @default the service name with '-' as '_' */
  readonly databaseName?: string;
}

/** A database a service can be granted and watched: one Groundwork created, or one that exists already (PostgresDatabase.fromAttributes). */
export interface IDatabase extends IConstruct {
  readonly identifier: string;
  readonly instanceClass: string;
  readonly address: string;
  readonly port: number;
  /** The instance's DbiResourceId (db-...), which IAM database authentication names. */
  readonly resourceId: string;
  readonly storageGb: number;
  /** Its security group, where Groundwork made it (the service's egress names it). @default unknown: an existing database */
  readonly securityGroupId?: string;
  /** Lets a grantee sign in as one database user with an IAM authentication token (`rds-db:connect`), nothing more. */
  grantConnect(grantee: IGrantee, databaseUser: string): void;
}

/** Where an existing database is: IAM database authentication names its region and account. */
export interface DatabaseLocation {
  readonly region: string;
  readonly accountId: string;
}

/** An existing PostgreSQL instance, by literal attributes. */
export interface DatabaseAttributes {
  /** The RDS instance identifier. */
  readonly identifier: string;
  /** The instance class, e.g. db.r6g.large (sizes the connection alarm). */
  readonly instanceClass: string;
  /** The endpoint host name. */
  readonly address: string;
  /** @default 5432 */
  readonly port?: number;
  /** The instance's DbiResourceId (db-...), for IAM database authentication, which the instance must have enabled. */
  readonly resourceId: string;
  /** Allocated storage in GiB, for the free-storage alarm. */
  readonly storageGb: number;
}

abstract class DatabaseBase extends Construct implements IDatabase {
  abstract readonly identifier: string;
  abstract readonly instanceClass: string;
  abstract readonly address: string;
  abstract readonly port: number;
  abstract readonly resourceId: string;
  abstract readonly storageGb: number;
  protected abstract readonly location: DatabaseLocation;

  grantConnect(grantee: IGrantee, databaseUser: string): void {
    const { region, accountId } = this.location;
    grantee.grant(`${this.node.id}-connect`, [{ actions: ['rds-db:connect'], resources: [`arn:aws:rds-db:${region}:${accountId}:dbuser:${this.resourceId}/${databaseUser}`] }]);
  }
}

/** A database that exists already: creates nothing, grants and is watched like any other. */
class ImportedDatabase extends DatabaseBase {
  readonly identifier: string;
  readonly instanceClass: string;
  readonly address: string;
  readonly port: number;
  readonly resourceId: string;
  readonly storageGb: number;

  constructor(scope: Construct, id: string, attributes: DatabaseAttributes, protected readonly location: DatabaseLocation) {
    super(scope, id);
    const where = this.node.path;
    if ('masterUserSecretArn' in attributes) {
      throw new GroundworkError(`Cannot import the existing resource at ${where}: masterUserSecretArn is no longer taken, services sign in with IAM database authentication; give resourceId (the instance's DbiResourceId, db-...) instead.`);
    }
    checkLiterals(where, { identifier: ['name', attributes.identifier], instanceClass: ['name', attributes.instanceClass], address: ['hostname', attributes.address], resourceId: ['rdsResourceId', attributes.resourceId] }, { required: true });
    this.identifier = attributes.identifier;
    this.instanceClass = attributes.instanceClass;
    this.address = attributes.address;
    this.port = checkRange(where, 'port', attributes.port ?? 5432, 1, 65535);
    this.resourceId = attributes.resourceId;
    this.storageGb = checkRange(where, 'storageGb', attributes.storageGb, 20, 65536);
  }
}

/**
 * RDS PostgreSQL for one service: encrypted, private, its master password generated and kept in
 * Secrets Manager by RDS (`manage_master_user_password`), so no password is ever in Terraform
 * JSON or state. Only the owning service's security group may connect; TLS is enforced.
 */
export class PostgresDatabase extends DatabaseBase {
  /** A database that exists already (created elsewhere), to grant, wire and watch like one Groundwork created. */
  static fromAttributes(scope: Construct, id: string, attributes: DatabaseAttributes, location: DatabaseLocation): IDatabase {
    return new ImportedDatabase(scope, id, attributes, location);
  }

  readonly instance: DbInstance;
  readonly identifier: string;
  readonly instanceClass: string;
  readonly address: string;
  readonly port = 5432;
  readonly securityGroup: SecurityGroup;
  readonly securityGroupId: string;
  readonly resourceId: string;
  /** ARN of the Secrets Manager secret RDS keeps the master credentials in: the platform team's, for creating database users; granted to no service. */
  readonly masterUserSecretArn: string;
  protected readonly location: DatabaseLocation;
  readonly multiAz: boolean;
  readonly backupRetentionDays: number;
  readonly storageGb: number;

  constructor(scope: Construct, id: string, props: PostgresDatabaseProps) {
    super(scope, id);
    const where = this.node.path;
    const env = props.environment;
    this.location = env;
    stampAwsOwnership(this, props.ownership, env.defaultTags);

    const production = env.isProduction;
    this.multiAz = props.multiAz ?? production;
    const deletionProtection = props.deletionProtection ?? production;
    this.backupRetentionDays = checkRange(where, 'backupRetentionDays', props.backupRetentionDays ?? (production ? 14 : 3), production ? 7 : 1, 35);
    const storageGb = checkRange(where, 'storageGb', props.storageGb ?? 20, 20, 65536);
    this.storageGb = storageGb;
    const maxStorageGb = checkRange(where, 'maxStorageGb', props.maxStorageGb ?? storageGb * 5, storageGb, 65536);
    const storageType = props.storageType ?? 'gp3';
    if (storageType === 'io1' && props.iops === undefined) {
      throw new GroundworkError(`${where}: storageType io1 needs iops (provisioned IOPS, 1000 to 256000).`);
    }
    if (props.iops !== undefined) checkRange(where, 'iops', props.iops, 1000, 256000);
    if (props.size !== undefined && !(props.size in DATABASE_SIZES)) {
      throw new GroundworkError(`${where}: size "${props.size}" is not one of ${Object.keys(DATABASE_SIZES).join(', ')}; use instanceClass for anything else.`);
    }
    this.instanceClass = props.instanceClass ?? DATABASE_SIZES[props.size ?? 'small'];
    if (!/^db\.[a-z0-9]+\.[a-z0-9]+$/.test(this.instanceClass)) {
      throw new GroundworkError(`${where}: instanceClass "${this.instanceClass}" is not an RDS instance class such as db.t3.large.`);
    }
    const engineVersion = props.engineVersion ?? '16';
    const major = engineVersion.split('.')[0];
    const suffix = id === 'database' ? '' : `-${id}`;
    this.identifier = checkName(where, 'RDS instance', `${props.ownership.service}-${env.name}${suffix}`, NAME_RULES.rdsIdentifier);

    this.securityGroup = new SecurityGroup(this, 'security-group', {
      name: `${this.identifier}-postgres`,
      description: `PostgreSQL of ${props.ownership.service}: admits only the service`,
      vpcId: env.vpcId,
      tags: { Name: `${this.identifier}-postgres` },
    });
    this.securityGroupId = this.securityGroup.id;
    new VpcSecurityGroupIngressRule(this, 'ingress-from-service', {
      securityGroupId: this.securityGroup.id,
      referencedSecurityGroupId: props.clientSecurityGroupId,
      ipProtocol: 'tcp',
      fromPort: this.port,
      toPort: this.port,
      description: `PostgreSQL from ${props.ownership.service}`,
    });

    const subnets = new DbSubnetGroup(this, 'subnet-group', {
      name: this.identifier,
      description: `Private subnets of ${env.name} for ${this.identifier}`,
      subnetIds: env.privateSubnetIds,
    });
    const parameters = new DbParameterGroup(this, 'parameter-group', {
      name: `${this.identifier}-postgres${major}`,
      family: `postgres${major}`,
      description: `Groundwork defaults for ${this.identifier}`,
      parameter: [
        { name: 'rds.force_ssl', value: '1' },
        { name: 'log_min_duration_statement', value: '1000' },
      ],
    });
    // RDS would create this log group itself, without retention: own it so logs expire.
    const logs = new CloudwatchLogGroup(this, 'log-group', {
      name: `/aws/rds/instance/${this.identifier}/postgresql`,
      retentionInDays: production ? 90 : 14,
      kmsKeyId: props.environment.logsKeyArn,
    });

    this.instance = new DbInstance(this, 'instance', {
      identifier: this.identifier,
      engine: 'postgres',
      engineVersion,
      instanceClass: this.instanceClass,
      allocatedStorage: storageGb,
      maxAllocatedStorage: maxStorageGb,
      storageType,
      iops: props.iops,
      storageEncrypted: true,
      dbName: props.databaseName ?? props.ownership.service.replace(/-/g, '_'),
      username: 'service_admin',
      manageMasterUserPassword: true,
      dbSubnetGroupName: subnets.name,
      parameterGroupName: parameters.name,
      vpcSecurityGroupIds: [this.securityGroup.id],
      publiclyAccessible: false,
      multiAz: this.multiAz,
      deletionProtection,
      backupRetentionPeriod: this.backupRetentionDays,
      skipFinalSnapshot: !production,
      finalSnapshotIdentifier: production ? `${this.identifier}-final` : undefined,
      copyTagsToSnapshot: true,
      autoMinorVersionUpgrade: true,
      iamDatabaseAuthenticationEnabled: true,
      performanceInsightsEnabled: production,
      enabledCloudwatchLogsExports: ['postgresql'],
      dependsOn: [logs],
    });
    this.address = this.instance.address;
    this.resourceId = this.instance.resourceId;
    this.masterUserSecretArn = this.instance.masterUserSecret.get(0).secretArn;
  }
}
