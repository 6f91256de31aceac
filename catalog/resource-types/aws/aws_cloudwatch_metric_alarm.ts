import { blocks } from '../../terraform/resource-index';
import { FREE_TIER_PAGE } from '../price-item';
import { attributeReader, resourceType } from '../resource-type';

const body = attributeReader('metric_query');

export const awsCloudwatchMetricAlarm = resourceType({
  type: 'aws_cloudwatch_metric_alarm',
  attributes: body.names,
  taggable: true,
  pricing: {
    /** CloudWatch bills an alarm per metric it evaluates: a metric math alarm over three metrics is three alarm metrics. */
    pricer: (r) => {
      const metrics = Math.max(1, blocks(body.read(r).metric_query).filter((q) => q.metric !== undefined).length);
      return { charges: [{ item: 'cloudwatch.alarm', quantity: metrics, what: metrics > 1 ? `metric alarm over ${metrics} metrics` : 'metric alarm' }] };
    },
  },
  priceItems: [
    {
      key: 'cloudwatch.alarm',
      unit: 'Alarm-Mo',
      offer: () => ({ offerCode: 'AmazonCloudWatch', productFamily: 'Alarm', usagetype: 'CW:AlarmMonitorUsage', unit: 'Alarms' }),
      freeTier: { pool: 'cloudwatch.alarm', perMonth: 10, reference: `${FREE_TIER_PAGE}: CloudWatch, 10 standard-resolution alarm metrics per month` },
    },
  ],
});
