import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { Fn } from 'cdktf';
import { Construct } from 'constructs';
import { stampAwsOwnership } from './aws-ownership-tags';
import type { Environment } from './environment';
import { checkName, checkRange, NAME_RULES } from './names';
import type { Ownership } from './ownership';
import type { ServiceRole } from './service-role';

export interface QueueProps {
  readonly environment: Environment;
  readonly ownership: Ownership;
  /** Seconds a received message stays invisible, 0 to 43200. @default 30 */
  readonly visibilityTimeoutSeconds?: number;
  /** Receives before a message moves to the dead-letter queue, 1 to 1000. @default 5 */
  readonly maxReceiveCount?: number;
  /** Seconds a message is kept, 60 to 1209600. @default 345600 (4 days) */
  readonly retentionSeconds?: number;
}

/**
 * An SQS queue with a dead-letter queue, both encrypted at rest (SQS-managed SSE). The
 * dead-letter queue keeps messages for the maximum 14 days so failures can be inspected.
 */
export class Queue extends Construct {
  readonly queue: SqsQueue;
  readonly deadLetterQueue: SqsQueue;
  readonly queueName: string;
  readonly queueUrl: string;
  readonly queueArn: string;

  constructor(scope: Construct, id: string, props: QueueProps) {
    super(scope, id);
    const where = this.node.path;
    stampAwsOwnership(this, props.ownership, props.environment.defaultTags);
    const suffix = id === 'queue' ? '' : `-${id}`;
    this.queueName = checkName(where, 'SQS queue', `${props.ownership.service}-${props.environment.name}${suffix}`, NAME_RULES.sqsQueue);
    checkName(where, 'SQS dead-letter queue', `${this.queueName}-dlq`, NAME_RULES.sqsQueue);

    this.deadLetterQueue = new SqsQueue(this, 'dead-letter-queue', {
      name: `${this.queueName}-dlq`,
      messageRetentionSeconds: 1209600,
      sqsManagedSseEnabled: true,
    });
    this.queue = new SqsQueue(this, 'queue', {
      name: this.queueName,
      visibilityTimeoutSeconds: checkRange(where, 'visibilityTimeoutSeconds', props.visibilityTimeoutSeconds ?? 30, 0, 43200),
      messageRetentionSeconds: checkRange(where, 'retentionSeconds', props.retentionSeconds ?? 345600, 60, 1209600),
      sqsManagedSseEnabled: true,
      redrivePolicy: Fn.jsonencode({
        deadLetterTargetArn: this.deadLetterQueue.arn,
        maxReceiveCount: checkRange(where, 'maxReceiveCount', props.maxReceiveCount ?? 5, 1, 1000),
      }),
    });
    this.queueUrl = this.queue.url;
    this.queueArn = this.queue.arn;
  }

  /** Lets a role receive and delete messages. */
  grantConsume(role: ServiceRole): void {
    role.grant(`${this.node.id}-consume`, [
      { actions: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl'], resources: [this.queueArn] },
    ]);
  }

  /** Lets a role send messages. */
  grantSend(role: ServiceRole): void {
    role.grant(`${this.node.id}-send`, [{ actions: ['sqs:SendMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl'], resources: [this.queueArn] }]);
  }
}
