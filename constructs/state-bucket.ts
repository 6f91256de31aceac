import { denyInsecureTransport } from './bucket';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Aspects, Fn } from 'cdktf';
import { Construct } from 'constructs';
import { AwsOwnershipTags } from './aws-ownership-tags';
import { checkName, NAME_RULES } from './names';
import type { Ownership } from './ownership';

export interface StateBucketProps {
  /** The bucket's name (the environment's `state.bucket` setting). */
  readonly bucketName: string;
  /** The AWS provider of the bucket's account and region. */
  readonly provider: AwsProvider;
  /** Ownership of the platform's state (the platform team). */
  readonly ownership: Ownership;
  /** Environment-wide tags the provider's default_tags carry. */
  readonly defaultTags: Readonly<Record<string, string>>;
}

/**
 * The S3 bucket that holds an environment's Terraform state: versioned (every state is kept),
 * encrypted with KMS, all public access blocked, no ACLs, TLS only, and never destroyed by
 * Terraform. Locking is S3-native (`use_lockfile`): no DynamoDB table.
 */
export class StateBucket extends Construct {
  readonly bucket: S3Bucket;
  readonly bucketName: string;

  constructor(scope: Construct, id: string, props: StateBucketProps) {
    super(scope, id);
    Aspects.of(this).add(new AwsOwnershipTags(props.ownership, props.defaultTags));
    this.bucketName = checkName(this.node.path, 'S3 bucket', props.bucketName, NAME_RULES.s3Bucket);
    const provider = props.provider;
    this.bucket = new S3Bucket(this, 'bucket', { provider, bucket: this.bucketName, forceDestroy: false, lifecycle: { preventDestroy: true } });
    const publicAccess = new S3BucketPublicAccessBlock(this, 'public-access-block', {
      provider,
      bucket: this.bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new S3BucketOwnershipControls(this, 'ownership-controls', { provider, bucket: this.bucket.id, rule: { objectOwnership: 'BucketOwnerEnforced' } });
    new S3BucketServerSideEncryptionConfigurationA(this, 'encryption', {
      provider,
      bucket: this.bucket.id,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms' }, bucketKeyEnabled: true }],
    });
    new S3BucketVersioningA(this, 'versioning', { provider, bucket: this.bucket.id, versioningConfiguration: { status: 'Enabled' } });
    new S3BucketPolicy(this, 'policy', {
      provider,
      bucket: this.bucket.id,
      policy: Fn.jsonencode({
        Version: '2012-10-17',
        Statement: [denyInsecureTransport(this.bucket.arn)],
      }),
      dependsOn: [publicAccess],
    });
  }
}
