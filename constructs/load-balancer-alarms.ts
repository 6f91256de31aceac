import { Construct } from 'constructs';
import type { FrontDoor } from './front-door';
import type { ServiceObservability } from './service-observability';

export interface LoadBalancerAlarmsProps {
  /** The service's observability: alarms notify its team's topic and land on its dashboard. */
  readonly observability: ServiceObservability;
  readonly loadBalancer: FrontDoor;
  /** Name prefix, `<service>-<environment>`. */
  readonly prefix: string;
  /** p99 response time that alarms, in milliseconds. @default 1000 */
  readonly p99ThresholdMs?: number;
}

/**
 * The front door's signals, per service and environment: the share of requests the service
 * answered with 5xx, 5xx the load balancer produced itself (no healthy target, timeouts), p99
 * response time and unhealthy targets. Each notifies the team's topic; the dashboard shows them.
 * On a shared load balancer its own 5xx and request count are every service's: the service's
 * signals are then read per target group, and the load balancer's 5xx is not its alarm.
 */
export class LoadBalancerAlarms extends Construct {
  constructor(scope: Construct, id: string, props: LoadBalancerAlarmsProps) {
    super(scope, id);
    const { observability: o, loadBalancer: lb, prefix } = props;
    const ns = 'AWS/ApplicationELB';
    const lbDimension = { LoadBalancer: lb.loadBalancerArnSuffix };
    const targetDimensions = { LoadBalancer: lb.loadBalancerArnSuffix, TargetGroup: lb.targetGroupArnSuffix };
    const requestDimensions = lb.shared ? targetDimensions : lbDimension;
    const metric = (id: string, metricName: string, dimensions: Record<string, string>) => ({ id, metric: { namespace: ns, metricName, dimensions, period: 300, stat: 'Sum' }, returnData: false });

    o.alarm('target-5xx', {
      alarmName: `${prefix}-target-5xx`,
      alarmDescription: `More than 5% of requests to ${prefix} answered 5xx by the service, for 10 minutes`,
      evaluationPeriods: 2,
      threshold: 5,
      comparisonOperator: 'GreaterThanThreshold',
      metricQuery: [
        { id: 'rate', expression: '100 * FILL(errors, 0) / requests', label: 'Target 5xx %', returnData: true },
        metric('errors', 'HTTPCode_Target_5XX_Count', targetDimensions),
        metric('requests', 'RequestCount', requestDimensions),
      ],
    }, this);
    if (!lb.shared) o.alarm('alb-5xx', {
      alarmName: `${prefix}-alb-5xx`,
      alarmDescription: `The load balancer of ${prefix} answered 5xx itself (no healthy target, timeouts) more than 10 times in 5 minutes, twice`,
      namespace: ns,
      metricName: 'HTTPCode_ELB_5XX_Count',
      dimensions: lbDimension,
      statistic: 'Sum',
      period: 300,
      evaluationPeriods: 2,
      threshold: 10,
      comparisonOperator: 'GreaterThanThreshold',
    }, this);
    const p99Seconds = (props.p99ThresholdMs ?? 1000) / 1000;
    o.alarm('latency-p99', {
      alarmName: `${prefix}-latency-p99`,
      alarmDescription: `p99 response time of ${prefix} above ${p99Seconds * 1000} ms for 15 minutes`,
      namespace: ns,
      metricName: 'TargetResponseTime',
      dimensions: targetDimensions,
      extendedStatistic: 'p99',
      period: 300,
      evaluationPeriods: 3,
      threshold: p99Seconds,
      comparisonOperator: 'GreaterThanThreshold',
    }, this);
    o.alarm('unhealthy-hosts', {
      alarmName: `${prefix}-unhealthy-hosts`,
      alarmDescription: `Targets of ${prefix} failing health checks for 3 minutes`,
      namespace: ns,
      metricName: 'UnHealthyHostCount',
      dimensions: targetDimensions,
      statistic: 'Maximum',
      period: 60,
      evaluationPeriods: 3,
      threshold: 0,
      comparisonOperator: 'GreaterThanThreshold',
    }, this);

    const perTarget = ['LoadBalancer', lb.loadBalancerArnSuffix, 'TargetGroup', lb.targetGroupArnSuffix];
    o.widget('Requests and 5xx', [
      lb.shared ? [ns, 'RequestCount', ...perTarget, { stat: 'Sum' }] : [ns, 'RequestCount', 'LoadBalancer', lb.loadBalancerArnSuffix, { stat: 'Sum' }],
      [ns, 'HTTPCode_Target_5XX_Count', ...perTarget, { stat: 'Sum', yAxis: 'right' }],
      ...(lb.shared ? [] : [[ns, 'HTTPCode_ELB_5XX_Count', 'LoadBalancer', lb.loadBalancerArnSuffix, { stat: 'Sum', yAxis: 'right' }]]),
    ], o.region);
    o.widget('Response time p99 (s) and unhealthy targets', [
      [ns, 'TargetResponseTime', 'LoadBalancer', lb.loadBalancerArnSuffix, 'TargetGroup', lb.targetGroupArnSuffix, { stat: 'p99' }],
      [ns, 'UnHealthyHostCount', 'LoadBalancer', lb.loadBalancerArnSuffix, 'TargetGroup', lb.targetGroupArnSuffix, { stat: 'Maximum', yAxis: 'right' }],
    ], o.region);
  }
}
