import { CloudwatchDashboard } from '@cdktf/provider-aws/lib/cloudwatch-dashboard';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { CloudwatchLogMetricFilter } from '@cdktf/provider-aws/lib/cloudwatch-log-metric-filter';
import { CloudwatchMetricAlarm, CloudwatchMetricAlarmConfig } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { Lazy } from 'cdktf';
import { Construct } from 'constructs';
import { awsConsoleUrl } from '../model/aws-console';
import { GroundworkError } from '../model/errors';
import { stampAwsOwnership } from './aws-ownership-tags';
import type { Environment } from './environment';
import type { Ownership } from './ownership';
import type { IDatabase } from './postgres-database';
import type { IQueue } from './queue';

export interface ServiceObservabilityProps {
  /** The environment it is created in: its network, region, account and the provider's default tags. */
  readonly environment: Environment;
  /** Who owns it: stamped as tags (AWS) or labels (Kubernetes) on everything it creates. */
  readonly ownership: Ownership;
  /** Where every alarm notifies: the owning team's topic in this environment. */
  readonly alertTopicArn: string;
  /** A database to watch (CPU, free storage, connections). @default none */
  readonly database?: IDatabase;
  /** A queue to watch (dead letters, oldest message). @default none */
  readonly queue?: IQueue;
  /** Alarm when a Kubernetes Job of the service fails (from its logs). @default false */
  readonly jobFailures?: boolean;
  /** Seconds the oldest queued message may wait before alarming. @default 600 */
  readonly maxMessageAgeSeconds?: number;
  /** Days the service's log group keeps logs. @default 90 in production, 30 elsewhere */
  readonly logRetentionDays?: number;
}

/** RDS PostgreSQL's default max_connections: LEAST(DBInstanceClassMemory / 9531392, 5000). */
export function approximateMaxConnections(instanceClass: string): number {
  const [, family, size] = instanceClass.split('.');
  const sizes: Record<string, number> = { micro: 1, small: 2, medium: 4, large: 8, xlarge: 16, '2xlarge': 32, '4xlarge': 64, '8xlarge': 128 };
  const gib = (sizes[size] ?? 8) * (family?.startsWith('r') ? 2 : 1);
  return Math.min(Math.floor((gib * 2 ** 30) / 9531392), 5000);
}

type Widget = { type: 'metric' | 'alarm'; width: number; height: number; properties: Record<string, unknown> };

/**
 * What every golden path gets for operations in one environment: a log group with retention,
 * alarms on the signals that matter for its parts, routed to the owning team's topic, and a
 * CloudWatch dashboard. Names are literals, so the catalog can link to them at synth.
 */
export class ServiceObservability extends Construct {
  readonly logGroupName: string;
  /** The service's log group, for what writes to it or reads it (AWS log deliveries, metric filters). */
  readonly logGroup: CloudwatchLogGroup;
  readonly dashboardName: string;
  readonly dashboardUrl: string;
  readonly alarmsUrl: string;
  readonly logsUrl: string;
  readonly alarmNames: string[] = [];
  private readonly widgets: Widget[] = [];

  constructor(scope: Construct, id: string, private readonly props: ServiceObservabilityProps) {
    super(scope, id);
    const env = props.environment;
    stampAwsOwnership(this, props.ownership, env.defaultTags);
    const prefix = `${props.ownership.service}-${env.name}`;
    const cloudwatch = (fragment: string) => {
      const url = awsConsoleUrl(env.region, 'cloudwatch/home', fragment);
      if (!url) throw new GroundworkError(`Environment "${env.name}": region "${env.region}" is not an AWS region in model/aws-partitions.json, so it has no console to link to.`);
      return url;
    };

    this.logGroupName = `/groundwork/${env.name}/${props.ownership.service}`;
    const logGroup = (this.logGroup = new CloudwatchLogGroup(this, 'logs', { name: this.logGroupName, retentionInDays: props.logRetentionDays ?? (env.isProduction ? 90 : 30), kmsKeyId: env.logsKeyArn }));
    this.logsUrl = cloudwatch(`logsV2:log-groups/log-group/${encodeURIComponent(encodeURIComponent(this.logGroupName)).replace(/%/g, '$')}`);

    if (props.database) this.watchDatabase(props.database);
    if (props.queue) this.watchQueue(props.queue);
    if (props.jobFailures) {
      const namespace = `Groundwork/${props.ownership.service}`;
      new CloudwatchLogMetricFilter(this, 'job-failures-filter', {
        name: `${prefix}-job-failures`,
        logGroupName: logGroup.name,
        // What Kubernetes and the job runner log when a Job gives up.
        pattern: '?"BackoffLimitExceeded" ?"DeadlineExceeded" ?"Job failed"',
        metricTransformation: { name: 'JobFailures', namespace, value: '1', defaultValue: '0' },
      });
      this.alarm('job-failures', { alarmName: `${prefix}-job-failures`, alarmDescription: `A scheduled run of ${props.ownership.service} failed`, namespace, metricName: 'JobFailures', statistic: 'Sum', period: 3600, evaluationPeriods: 1, threshold: 1, comparisonOperator: 'GreaterThanOrEqualToThreshold' });
      this.widget('Job failures', [[namespace, 'JobFailures']], env.region);
    }

    this.dashboardName = prefix;
    // Lazy: golden paths add widgets for their own parts after construction.
    new CloudwatchDashboard(this, 'dashboard', { dashboardName: this.dashboardName, dashboardBody: Lazy.stringValue({ produce: () => JSON.stringify({ widgets: this.layout() }) }) });
    this.dashboardUrl = cloudwatch(`dashboards/dashboard/${this.dashboardName}`);
    this.alarmsUrl = cloudwatch(`alarmsV2:?search=${prefix}`);
  }

  private watchDatabase(db: IDatabase): void {
    const dimensions = { DBInstanceIdentifier: db.identifier };
    const common = { namespace: 'AWS/RDS', dimensions, period: 300, evaluationPeriods: 3 };
    this.alarm('db-cpu', { ...common, alarmName: `${db.identifier}-cpu`, alarmDescription: `CPU of ${db.identifier} above 80% for 15 minutes`, metricName: 'CPUUtilization', statistic: 'Average', threshold: 80, comparisonOperator: 'GreaterThanThreshold' });
    this.alarm('db-free-storage', {
      ...common,
      alarmName: `${db.identifier}-free-storage`,
      alarmDescription: `Less than 10% of ${db.identifier}'s ${db.storageGb} GB free`,
      metricName: 'FreeStorageSpace',
      statistic: 'Minimum',
      threshold: Math.round(db.storageGb * 0.1 * 2 ** 30),
      comparisonOperator: 'LessThanThreshold',
    });
    const maxConnections = approximateMaxConnections(db.instanceClass);
    this.alarm('db-connections', {
      ...common,
      alarmName: `${db.identifier}-connections`,
      alarmDescription: `${db.identifier} above 80% of its ~${maxConnections} connections`,
      metricName: 'DatabaseConnections',
      statistic: 'Maximum',
      threshold: Math.floor(maxConnections * 0.8),
      comparisonOperator: 'GreaterThanThreshold',
    });
    const region = this.props.environment.region;
    this.widget(`Database ${db.identifier}: CPU %`, [['AWS/RDS', 'CPUUtilization', 'DBInstanceIdentifier', db.identifier]], region);
    this.widget(`Database ${db.identifier}: connections and free storage`, [
      ['AWS/RDS', 'DatabaseConnections', 'DBInstanceIdentifier', db.identifier],
      ['AWS/RDS', 'FreeStorageSpace', 'DBInstanceIdentifier', db.identifier, { yAxis: 'right' }],
    ], region);
  }

  private watchQueue(queue: IQueue): void {
    const dlq = `${queue.queueName}-dlq`;
    this.alarm('dead-letters', {
      alarmName: `${dlq}-depth`,
      alarmDescription: `Messages are failing into ${dlq}`,
      namespace: 'AWS/SQS',
      dimensions: { QueueName: dlq },
      metricName: 'ApproximateNumberOfMessagesVisible',
      statistic: 'Maximum',
      period: 300,
      evaluationPeriods: 1,
      threshold: 0,
      comparisonOperator: 'GreaterThanThreshold',
    });
    this.alarm('oldest-message', {
      alarmName: `${queue.queueName}-oldest-message`,
      alarmDescription: `Messages wait in ${queue.queueName} for more than ${this.props.maxMessageAgeSeconds ?? 600} s`,
      namespace: 'AWS/SQS',
      dimensions: { QueueName: queue.queueName },
      metricName: 'ApproximateAgeOfOldestMessage',
      statistic: 'Maximum',
      period: 300,
      evaluationPeriods: 3,
      threshold: this.props.maxMessageAgeSeconds ?? 600,
      comparisonOperator: 'GreaterThanThreshold',
    });
    const region = this.props.environment.region;
    this.widget(`Queue ${queue.queueName}: depth and dead letters`, [
      ['AWS/SQS', 'ApproximateNumberOfMessagesVisible', 'QueueName', queue.queueName],
      ['AWS/SQS', 'ApproximateNumberOfMessagesVisible', 'QueueName', dlq],
    ], region);
    this.widget(`Queue ${queue.queueName}: oldest message (s)`, [['AWS/SQS', 'ApproximateAgeOfOldestMessage', 'QueueName', queue.queueName]], region);
  }

  /** An alarm that notifies the team's topic (and is listed for the catalog and the runbook); `scope` places it (default: here). */
  alarm(id: string, config: Omit<CloudwatchMetricAlarmConfig, 'alarmActions' | 'okActions' | 'treatMissingData'>, scope: Construct = this): CloudwatchMetricAlarm {
    const alarm = new CloudwatchMetricAlarm(scope, id, { ...config, treatMissingData: 'notBreaching', alarmActions: [this.props.alertTopicArn], okActions: [this.props.alertTopicArn] });
    this.alarmNames.push(config.alarmName);
    return alarm;
  }

  /** Where alarms notify: the owning team's topic in this environment. */
  get alertTopicArn(): string {
    return this.props.alertTopicArn;
  }

  get region(): string {
    return this.props.environment.region;
  }

  /** Adds a metric widget; `region` may differ from the environment's (CloudFront lives in us-east-1). */
  widget(title: string, metrics: unknown[][], region: string): void {
    this.widgets.push({ type: 'metric', width: 12, height: 6, properties: { title, metrics, region, stat: 'Average', period: 300, view: 'timeSeries' } });
  }

  /** Adds an alarm status widget (CloudWatch's `alarm` type: each alarm's state at a glance) for alarms given by ARN. */
  alarmWidget(title: string, alarmArns: string[]): void {
    this.widgets.push({ type: 'alarm', width: 12, height: 6, properties: { title, alarms: alarmArns, sortBy: 'stateUpdatedTimestamp' } });
  }

  /** Two widgets per row, in the order they were added. */
  private layout() {
    return this.widgets.map((w, i) => ({ ...w, x: (i % 2) * 12, y: Math.floor(i / 2) * 6 }));
  }
}
