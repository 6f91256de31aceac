import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { Construct } from 'constructs';
import { stampAwsOwnership } from './aws-ownership-tags';
import { customerManagedKey } from './customer-managed-key';
import type { Environment } from './environment';
import type { Ownership } from './ownership';

export interface AlertTopicProps {
  /** The environment it is created in: its network, region, account and the provider's default tags. */
  readonly environment: Environment;
  /** Ownership of the topic: the team it alerts. */
  readonly ownership: Ownership;
  /** The organisation's name, the first part of the names it creates. */
  readonly organisationName: string;
}

/**
 * One SNS topic per team and environment that every alarm of the team's services notifies.
 * Encrypted with its own KMS key: CloudWatch cannot publish to a topic under the AWS-managed
 * SNS key, so the key policy lets CloudWatch use this one.
 */
export class AlertTopic extends Construct {
  readonly topic: SnsTopic;
  readonly topicArn: string;
  readonly topicName: string;

  constructor(scope: Construct, id: string, props: AlertTopicProps) {
    super(scope, id);
    stampAwsOwnership(this, props.ownership, props.environment.defaultTags);
    const env = props.environment;
    this.topicName = `${props.organisationName}-${props.ownership.owner}-alerts-${env.name}`;
    const key = customerManagedKey(this, 'key', {
      description: `Encrypts the alert topic ${this.topicName}`,
      accountId: env.accountId,
      production: env.isProduction,
      serviceStatement: {
        Sid: 'CloudWatchPublishes',
        Effect: 'Allow',
        Principal: { Service: 'cloudwatch.amazonaws.com' },
        Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        Resource: '*',
        // Only this account's alarms in this region (confused deputy).
        Condition: { StringEquals: { 'aws:SourceAccount': env.accountId }, ArnLike: { 'aws:SourceArn': `arn:aws:cloudwatch:${env.region}:${env.accountId}:alarm:*` } },
      },
    });
    new KmsAlias(this, 'alias', { name: `alias/${this.topicName}`, targetKeyId: key.keyId });
    this.topic = new SnsTopic(this, 'topic', { name: this.topicName, kmsMasterKeyId: key.arn });
    this.topicArn = this.topic.arn;
  }
}
