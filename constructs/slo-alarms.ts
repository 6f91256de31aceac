import { CloudwatchCompositeAlarm } from '@cdktf/provider-aws/lib/cloudwatch-composite-alarm';
import { CloudwatchMetricAlarm, CloudwatchMetricAlarmMetricQuery } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { Construct } from 'constructs';
import { GroundworkError } from '../model/errors';
import { isLatencyThresholdMs, isObjectivePercent } from '../model/service-level-objectives';
import type { FrontDoor } from './front-door';
import type { ServiceObservability } from './service-observability';

/** What a service promises its users, measured at its load balancer. */
export interface ServiceLevelObjectives {
  /** Percent of requests not answered 5xx (by the service or the load balancer), e.g. 99.9. */
  readonly availability?: number;
  /** Percent of requests answered within thresholdMs, e.g. { thresholdMs: 300, percent: 99 }. */
  readonly latency?: { readonly thresholdMs: number; readonly percent: number };
}

/**
 * Multi-window, multi-burn-rate alerting (Google SRE workbook, "Alerting on SLOs"): page when the
 * error budget burns 14.4 times too fast over 1 hour and still over the last 5 minutes (2% of a
 * 30-day budget gone), or 6 times over 6 hours and the last 30 minutes (5% gone). The short
 * window makes the alarm reset soon after the burn stops.
 */
export const BURN_RATE_WINDOWS = [
  { name: 'fast', burnRate: 14.4, longSeconds: 3600, shortSeconds: 300 },
  { name: 'slow', burnRate: 6, longSeconds: 21600, shortSeconds: 1800 },
] as const;

const percentProblem = (value: unknown) => (isObjectivePercent(value) ? undefined : 'must be a number from 50 to below 100');

/** One sentence per problem with the objectives, naming where they were given. */
export function checkServiceLevelObjectives(where: string, slo: unknown): ServiceLevelObjectives {
  const problems: string[] = [];
  if (!slo || typeof slo !== 'object' || Array.isArray(slo)) throw new GroundworkError(`${where}: slo must be an object such as { availability: 99.9, latency: { thresholdMs: 300, percent: 99 } }.`);
  const { availability, latency, ...rest } = slo as Record<string, unknown>;
  for (const key of Object.keys(rest)) problems.push(`${where}: slo.${key} is not an objective (availability, latency).`);
  if (availability === undefined && latency === undefined) problems.push(`${where}: slo names no objective; give availability, latency or both.`);
  if (availability !== undefined) {
    const problem = percentProblem(availability);
    if (problem) problems.push(`${where}: slo.availability is ${JSON.stringify(availability)}, but ${problem} (e.g. 99.9).`);
  }
  if (latency !== undefined) {
    if (!latency || typeof latency !== 'object' || Array.isArray(latency)) problems.push(`${where}: slo.latency must be { thresholdMs, percent }, e.g. { thresholdMs: 300, percent: 99 }.`);
    else {
      const { thresholdMs, percent } = latency as Record<string, unknown>;
      if (!isLatencyThresholdMs(thresholdMs)) problems.push(`${where}: slo.latency.thresholdMs is ${JSON.stringify(thresholdMs)}, but must be a whole number of milliseconds from 1 to 60000.`);
      const problem = percentProblem(percent);
      if (problem) problems.push(`${where}: slo.latency.percent is ${JSON.stringify(percent)}, but ${problem} (e.g. 99).`);
    }
  }
  if (problems.length) throw new GroundworkError(`Invalid service level objectives at ${where}:`, problems);
  return slo as ServiceLevelObjectives;
}

export interface SloAlarmsProps {
  readonly observability: ServiceObservability;
  readonly loadBalancer: FrontDoor;
  /** Name prefix, `<service>-<environment>`. */
  readonly prefix: string;
  readonly objectives: ServiceLevelObjectives;
}

/**
 * Burn-rate alarms for each objective: per window pair, one metric math alarm per window (the
 * bad-request ratio over the window against burn rate × error budget) and a composite alarm that
 * fires when both do, which alone notifies the team's topic.
 */
export class SloAlarms extends Construct {
  constructor(scope: Construct, id: string, props: SloAlarmsProps) {
    super(scope, id);
    const lb = props.loadBalancer;
    const ns = 'AWS/ApplicationELB';
    const lbDimension = { LoadBalancer: lb.loadBalancerArnSuffix };
    const targetDimensions = { LoadBalancer: lb.loadBalancerArnSuffix, TargetGroup: lb.targetGroupArnSuffix };
    const { availability, latency } = props.objectives;
    const burnAlarms: string[] = [];
    if (availability !== undefined) {
      // A shared load balancer's own 5xx and requests are every service's: the service's share is read per target group.
      this.objective(props, burnAlarms, 'availability', 100 - availability, `availability ${availability}%`, (period) => lb.shared ? [
        { id: 'bad', expression: 'FILL(target5xx, 0) / requests', label: 'Share of requests answered 5xx', returnData: true },
        { id: 'target5xx', metric: { namespace: ns, metricName: 'HTTPCode_Target_5XX_Count', dimensions: targetDimensions, period, stat: 'Sum' } },
        { id: 'requests', metric: { namespace: ns, metricName: 'RequestCount', dimensions: targetDimensions, period, stat: 'Sum' } },
      ] : [
        { id: 'bad', expression: '(FILL(target5xx, 0) + FILL(elb5xx, 0)) / requests', label: 'Share of requests answered 5xx', returnData: true },
        { id: 'target5xx', metric: { namespace: ns, metricName: 'HTTPCode_Target_5XX_Count', dimensions: targetDimensions, period, stat: 'Sum' } },
        { id: 'elb5xx', metric: { namespace: ns, metricName: 'HTTPCode_ELB_5XX_Count', dimensions: lbDimension, period, stat: 'Sum' } },
        { id: 'requests', metric: { namespace: ns, metricName: 'RequestCount', dimensions: lbDimension, period, stat: 'Sum' } },
      ]);
    }
    if (latency !== undefined) {
      // PR(:t) is the percent of requests answered in t seconds or less.
      const seconds = latency.thresholdMs / 1000;
      this.objective(props, burnAlarms, 'latency', 100 - latency.percent, `${latency.percent}% of requests within ${latency.thresholdMs} ms`, (period) => [
        { id: 'bad', expression: '1 - fast / 100', label: `Share of requests slower than ${latency.thresholdMs} ms`, returnData: true },
        { id: 'fast', metric: { namespace: ns, metricName: 'TargetResponseTime', dimensions: targetDimensions, period, stat: `PR(:${seconds})` } },
      ]);
    }
    // The dashboard shows the composite burn-rate alarms (the ones that notify), next to the front door's metrics.
    props.observability.alarmWidget(`SLO burn rate (${props.prefix})`, burnAlarms);
  }

  private objective(props: SloAlarmsProps, burnAlarms: string[], name: string, budgetPercent: number, promise: string, queries: (period: number) => CloudwatchMetricAlarmMetricQuery[]): void {
    const o = props.observability;
    const budget = budgetPercent / 100;
    for (const w of BURN_RATE_WINDOWS) {
      const threshold = Number((w.burnRate * budget).toPrecision(6));
      const windowAlarm = (seconds: number) => {
        const label = seconds >= 3600 ? `${seconds / 3600}h` : `${seconds / 60}m`;
        // No actions: only the composite of both windows notifies.
        return new CloudwatchMetricAlarm(this, `${name}-${w.name}-${label}`, {
          alarmName: `${props.prefix}-slo-${name}-burn-${label}`,
          alarmDescription: `${promise}: error budget burning ${w.burnRate}x over ${label}`,
          evaluationPeriods: 1,
          threshold,
          comparisonOperator: 'GreaterThanThreshold',
          treatMissingData: 'notBreaching',
          metricQuery: queries(seconds),
        });
      };
      const long = windowAlarm(w.longSeconds);
      const short = windowAlarm(w.shortSeconds);
      const alarmName = `${props.prefix}-slo-${name}-${w.name}-burn`;
      const composite = new CloudwatchCompositeAlarm(this, `${name}-${w.name}`, {
        alarmName,
        alarmDescription: `${promise}: the error budget burns ${w.burnRate}x too fast (${long.alarmName} and ${short.alarmName})`,
        alarmRule: `ALARM("${long.alarmName}") AND ALARM("${short.alarmName}")`,
        alarmActions: [o.alertTopicArn],
        okActions: [o.alertTopicArn],
      });
      o.alarmNames.push(alarmName);
      burnAlarms.push(composite.arn);
    }
  }
}
