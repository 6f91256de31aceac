import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { Fn } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { stampAwsOwnership } from './aws-ownership-tags';
import type { Environment } from './environment';
import { checkName, checkRange, NAME_RULES } from './names';
import type { Ownership } from './ownership';
import type { IGrantee } from './grantee';
import { checkLiterals } from './literal-rules';

export interface QueueProps {
  /** The environment it is created in: its network, region, account and the provider's default tags. */
  readonly environment: Environment;
  /** Who owns it: stamped as tags on everything it creates (see Ownership.resolve). */
  readonly ownership: Ownership;
  /** Seconds a received message stays invisible, 0 to 43200. @default 30 */
  readonly visibilityTimeoutSeconds?: number;
  /** Receives before a message moves to the dead-letter queue, 1 to 1000. @default 5 */
  readonly maxReceiveCount?: number;
  /** Seconds a message is kept, 60 to 1209600. @default 345600 (4 days) */
  readonly retentionSeconds?: number;
}

/** A queue a service can be granted: one Groundwork created, or one that exists already (Queue.fromAttributes). */
export interface IQueue extends IConstruct {
  readonly queueName: string;
  readonly queueUrl: string;
  readonly queueArn: string;
  /** Lets a grantee receive and delete messages. */
  grantConsume(grantee: IGrantee): void;
  /** Lets a grantee send messages. */
  grantSend(grantee: IGrantee): void;
}

/** An existing queue, by its literal name, URL and ARN. */
export interface QueueAttributes {
  /** The queue's name (alarms and dashboards use it). */
  readonly queueName: string;
  /** The queue's URL, handed to the service. */
  readonly queueUrl: string;
  /** The queue's ARN, for grants. */
  readonly queueArn: string;
}

abstract class QueueBase extends Construct implements IQueue {
  abstract readonly queueName: string;
  abstract readonly queueUrl: string;
  abstract readonly queueArn: string;

  grantConsume(grantee: IGrantee): void {
    grantee.grant(`${this.node.id}-consume`, [
      { actions: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl'], resources: [this.queueArn] },
    ]);
  }

  grantSend(grantee: IGrantee): void {
    grantee.grant(`${this.node.id}-send`, [{ actions: ['sqs:SendMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl'], resources: [this.queueArn] }]);
  }
}

/** A queue that exists already: creates nothing, grants like any other. */
class ImportedQueue extends QueueBase {
  readonly queueName: string;
  readonly queueUrl: string;
  readonly queueArn: string;

  constructor(scope: Construct, id: string, attributes: QueueAttributes) {
    super(scope, id);
    checkLiterals(this.node.path, { queueName: ['name', attributes.queueName], queueUrl: ['queueUrl', attributes.queueUrl], queueArn: ['arn', attributes.queueArn] }, { required: true });
    ({ queueName: this.queueName, queueUrl: this.queueUrl, queueArn: this.queueArn } = attributes);
  }
}

/**
 * An SQS queue with a dead-letter queue, both encrypted at rest (SQS-managed SSE). The
 * dead-letter queue keeps messages for the maximum 14 days so failures can be inspected.
 */
export class Queue extends QueueBase {
  /** A queue that exists already (created elsewhere), to grant and wire like one Groundwork created. */
  static fromAttributes(scope: Construct, id: string, attributes: QueueAttributes): IQueue {
    return new ImportedQueue(scope, id, attributes);
  }

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
}
