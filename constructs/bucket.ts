import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { Fn, Lazy } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { stampAwsOwnership } from './aws-ownership-tags';
import type { Environment } from './environment';
import { checkName, checkRange, NAME_RULES } from './names';
import type { Ownership } from './ownership';
import type { IGrantee } from './grantee';
import { checkLiterals } from './literal-rules';

export interface BucketProps {
  /** The environment it is created in: its network, region, account and the provider's default tags. */
  readonly environment: Environment;
  /** The organisation's name: the bucket is named <organisation>-<service>-<environment>. */
  readonly organisationName: string;
  /** Who owns it: stamped as tags on everything it creates (see Ownership.resolve). */
  readonly ownership: Ownership;
  /** Days old object versions are kept, 1 to 3650. @default 90 */
  readonly noncurrentVersionDays?: number;
  /** Days objects are kept (log buckets), 1 to 3650. @default kept until deleted */
  readonly expireAfterDays?: number;
  /**
   * Keep ACLs usable (object ownership BucketOwnerPreferred), only for buckets AWS services write
   * logs to with ACLs, such as CloudFront standard logs. Public access stays blocked. @default false
   */
  readonly forLogDelivery?: boolean;
  /**
   * Default encryption: a KMS key with a bucket key, or SSE-S3 (AES256) for buckets that AWS
   * services deliver to without KMS support, such as load balancer access logs. @default 'aws:kms'
   */
  readonly encryption?: 'aws:kms' | 'AES256';
}

/** The bucket-policy statement that refuses every request not made over TLS. */
export function denyInsecureTransport(bucketArn: string): Record<string, unknown> {
  return { Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [bucketArn, `${bucketArn}/*`], Condition: { Bool: { 'aws:SecureTransport': 'false' } } };
}

/** A bucket a service can be granted: one Groundwork created, or one that exists already (Bucket.fromAttributes). */
export interface IBucket extends IConstruct {
  readonly bucketName: string;
  readonly bucketArn: string;
  /** Lets a grantee read objects. */
  grantRead(grantee: IGrantee): void;
  /** Lets a grantee read, write and delete objects. */
  grantReadWrite(grantee: IGrantee): void;
}

/** An existing bucket, by its literal name and ARN. */
export interface BucketAttributes {
  /** The bucket's name. */
  readonly bucketName: string;
  /** The bucket's ARN, for grants. */
  readonly bucketArn: string;
}

abstract class BucketBase extends Construct implements IBucket {
  abstract readonly bucketName: string;
  abstract readonly bucketArn: string;

  grantRead(grantee: IGrantee): void {
    grantee.grant(`${this.node.id}-read`, [
      { actions: ['s3:GetObject', 's3:GetObjectVersion'], resources: [`${this.bucketArn}/*`] },
      { actions: ['s3:ListBucket'], resources: [this.bucketArn] },
    ]);
  }

  grantReadWrite(grantee: IGrantee): void {
    grantee.grant(`${this.node.id}-read-write`, [
      { actions: ['s3:GetObject', 's3:GetObjectVersion', 's3:PutObject', 's3:DeleteObject'], resources: [`${this.bucketArn}/*`] },
      { actions: ['s3:ListBucket'], resources: [this.bucketArn] },
    ]);
  }
}

/** A bucket that exists already: creates nothing, grants like any other. */
class ImportedBucket extends BucketBase {
  readonly bucketName: string;
  readonly bucketArn: string;

  constructor(scope: Construct, id: string, attributes: BucketAttributes) {
    super(scope, id);
    checkLiterals(this.node.path, { bucketName: ['name', attributes.bucketName], bucketArn: ['s3Arn', attributes.bucketArn] }, { required: true });
    ({ bucketName: this.bucketName, bucketArn: this.bucketArn } = attributes);
  }
}

/**
 * A private S3 bucket: all public access blocked, objects owned by the bucket owner (no ACLs),
 * encrypted at rest, versioned, TLS-only. Production buckets refuse `terraform destroy` while
 * they hold objects.
 */
export class Bucket extends BucketBase {
  /** A bucket that exists already (created elsewhere), to grant and wire like one Groundwork created. */
  static fromAttributes(scope: Construct, id: string, attributes: BucketAttributes): IBucket {
    return new ImportedBucket(scope, id, attributes);
  }

  readonly bucket: S3Bucket;
  readonly bucketName: string;
  readonly bucketArn: string;
  /** bucket.s3.<region>.amazonaws.com, for CloudFront origins. */
  readonly regionalDomainName: string;
  /** The bucket's one policy: what depends on it (a load balancer writing access logs) waits for it. */
  readonly policy: S3BucketPolicy;
  private readonly policyStatements: Record<string, unknown>[] = [];

  constructor(scope: Construct, id: string, props: BucketProps) {
    super(scope, id);
    const where = this.node.path;
    stampAwsOwnership(this, props.ownership, props.environment.defaultTags);
    const suffix = id === 'bucket' ? '' : `-${id}`;
    this.bucketName = checkName(where, 'S3 bucket', `${props.organisationName}-${props.ownership.service}-${props.environment.name}${suffix}`, NAME_RULES.s3Bucket);

    this.bucket = new S3Bucket(this, 'bucket', { bucket: this.bucketName, forceDestroy: !props.environment.isProduction });
    this.bucketArn = this.bucket.arn;
    this.regionalDomainName = this.bucket.bucketRegionalDomainName;
    const publicAccess = new S3BucketPublicAccessBlock(this, 'public-access-block', {
      bucket: this.bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new S3BucketOwnershipControls(this, 'ownership-controls', { bucket: this.bucket.id, rule: { objectOwnership: props.forLogDelivery ? 'BucketOwnerPreferred' : 'BucketOwnerEnforced' } });
    new S3BucketServerSideEncryptionConfigurationA(this, 'encryption', {
      bucket: this.bucket.id,
      rule: [props.encryption === 'AES256' ? { applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } } : { applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms' }, bucketKeyEnabled: true }],
    });
    new S3BucketVersioningA(this, 'versioning', { bucket: this.bucket.id, versioningConfiguration: { status: 'Enabled' } });
    new S3BucketLifecycleConfiguration(this, 'lifecycle', {
      bucket: this.bucket.id,
      rule: [
        {
          id: 'expire-old-versions',
          status: 'Enabled',
          filter: [{}],
          noncurrentVersionExpiration: [{ noncurrentDays: checkRange(where, 'noncurrentVersionDays', props.noncurrentVersionDays ?? 90, 1, 3650) }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
          expiration: props.expireAfterDays === undefined ? undefined : [{ days: checkRange(where, 'expireAfterDays', props.expireAfterDays, 1, 3650) }],
        },
      ],
    });
    this.policyStatements.push(denyInsecureTransport(this.bucket.arn));
    // Lazy: a bucket has one policy, and other constructs add to it (addToResourcePolicy).
    this.policy = new S3BucketPolicy(this, 'policy', {
      bucket: this.bucket.id,
      policy: Lazy.stringValue({ produce: () => Fn.jsonencode({ Version: '2012-10-17', Statement: this.policyStatements }) }),
      dependsOn: [publicAccess],
    });
  }

  /** Adds a statement to the bucket's policy (for example, read access for a CloudFront distribution). */
  addToResourcePolicy(statement: Record<string, unknown>): void {
    this.policyStatements.push(statement);
  }
}
