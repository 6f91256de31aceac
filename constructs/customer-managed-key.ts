import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { Fn } from 'cdktf';
import { Construct } from 'constructs';

export interface CustomerManagedKeyProps {
  readonly description: string;
  /** The account that administers the key (its root principal gets kms:*). */
  readonly accountId: string;
  /** Production keys wait 30 days before deletion, others 7. */
  readonly production: boolean;
  /** The one AWS service statement the key exists for (e.g. CloudWatch publishing to an encrypted topic). */
  readonly serviceStatement: Record<string, unknown>;
}

/**
 * The key-policy statement for AWS services that use a key on a caller's behalf (RDS, Secrets
 * Manager, OpenSearch Serverless, Bedrock): only through those services, for this account.
 */
export function usableThrough(sid: string, accountId: string, viaServices: readonly string[]): Record<string, unknown> {
  return {
    Sid: sid,
    Effect: 'Allow',
    Principal: { AWS: '*' },
    Action: ['kms:Decrypt', 'kms:GenerateDataKey*', 'kms:DescribeKey', 'kms:CreateGrant', 'kms:ReEncrypt*'],
    Resource: '*',
    Condition: { StringEquals: { 'kms:CallerAccount': accountId, 'kms:ViaService': viaServices.length === 1 ? viaServices[0] : [...viaServices] } },
  };
}

/**
 * A KMS key the way the platform makes them: rotated yearly, administered by its account, usable
 * by one AWS service as its policy states, with a deletion window by environment. Created in
 * `scope` under `id`.
 */
export function customerManagedKey(scope: Construct, id: string, props: CustomerManagedKeyProps): KmsKey {
  return new KmsKey(scope, id, {
    description: props.description,
    enableKeyRotation: true,
    deletionWindowInDays: props.production ? 30 : 7,
    policy: Fn.jsonencode({
      Version: '2012-10-17',
      Statement: [{ Sid: 'AccountAdministers', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${props.accountId}:root` }, Action: 'kms:*', Resource: '*' }, props.serviceStatement],
    }),
  });
}
