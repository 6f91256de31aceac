/** The state bucket a plan may lock: its name, region and the prefix of the state keys. */
export interface StateLocation {
  readonly bucket: string;
  readonly region: string;
  readonly keyPrefix: string;
}

/** Actions that return a secret's value: never for a role that runs a pull request's code. */
export const SECRET_VALUE_ACTIONS = [
  'secretsmanager:GetSecretValue',
  'secretsmanager:BatchGetSecretValue',
  'ssm:GetParameter',
  'ssm:GetParameters',
  'ssm:GetParametersByPath',
  'ssm:GetParameterHistory',
] as const;

/** Writes to S3 objects: only the plan's own lock objects are allowed. */
const OBJECT_WRITES = ['s3:PutObject', 's3:DeleteObject', 's3:DeleteObjectVersion', 's3:RestoreObject', 's3:PutObjectAcl', 's3:PutObjectTagging'];

/**
 * What a read-only pipeline role (pull-request plans, nightly drift) may do beyond AWS's
 * ReadOnlyAccess, as explicit statements: Deny wins over any Allow, so a later attachment cannot
 * widen them. Denied: secret values; KMS decryption except through S3 on the state bucket (so no
 * SecureString, secret or other encrypted data); every object write except `<key>.tflock`, the
 * lock objects of S3-native locking (use_lockfile). Allowed: reading the state and writing those
 * locks. Without an S3 state bucket (local state) nothing is decrypted and no object is written.
 */
export function readOnlyPipelinePolicy(state: StateLocation | undefined): Record<string, unknown> {
  const denySecrets = { Sid: 'DenySecretValues', Effect: 'Deny', Action: [...SECRET_VALUE_ACTIONS], Resource: '*' };
  if (!state) {
    return {
      Version: '2012-10-17',
      Statement: [
        denySecrets,
        { Sid: 'DenyKmsDecrypt', Effect: 'Deny', Action: 'kms:Decrypt', Resource: '*' },
        { Sid: 'DenyObjectWrites', Effect: 'Deny', Action: OBJECT_WRITES, Resource: '*' },
      ],
    };
  }
  const bucketArn = `arn:aws:s3:::${state.bucket}`;
  const locks = `${bucketArn}/${state.keyPrefix}/*.tflock`;
  const throughS3 = `s3.${state.region}.amazonaws.com`;
  const stateBucketContext = [bucketArn, `${bucketArn}/*`];
  return {
    Version: '2012-10-17',
    Statement: [
      denySecrets,
      // Two statements: a Deny applies when all its conditions hold, and either one failing must deny.
      { Sid: 'DenyKmsDecryptOutsideS3', Effect: 'Deny', Action: 'kms:Decrypt', Resource: '*', Condition: { StringNotEquals: { 'kms:ViaService': throughS3 } } },
      { Sid: 'DenyKmsDecryptOutsideStateBucket', Effect: 'Deny', Action: 'kms:Decrypt', Resource: '*', Condition: { StringNotLike: { 'kms:EncryptionContext:aws:s3:arn': stateBucketContext } } },
      { Sid: 'DenyObjectWritesButLocks', Effect: 'Deny', Action: OBJECT_WRITES, NotResource: [locks] },
      { Sid: 'ReadState', Effect: 'Allow', Action: ['s3:ListBucket', 's3:GetObject'], Resource: [bucketArn, `${bucketArn}/${state.keyPrefix}/*`] },
      { Sid: 'WriteLocks', Effect: 'Allow', Action: ['s3:PutObject', 's3:DeleteObject'], Resource: [locks] },
      {
        Sid: 'StateEncryption',
        Effect: 'Allow',
        Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
        Resource: '*',
        Condition: { StringEquals: { 'kms:ViaService': throughS3 }, StringLike: { 'kms:EncryptionContext:aws:s3:arn': stateBucketContext } },
      },
    ],
  };
}
