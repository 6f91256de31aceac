import { resourceType } from '../resource-type';

export const awsCloudwatchCompositeAlarm = resourceType({
  type: 'aws_cloudwatch_composite_alarm',
  taggable: true,
  pricing: { pricer: () => ({ charges: [{ item: 'cloudwatch.composite-alarm', quantity: 1, what: 'composite alarm' }] }) },
  priceItems: [{ key: 'cloudwatch.composite-alarm', unit: 'Alarm-Mo', offer: () => ({ offerCode: 'AmazonCloudWatch', productFamily: 'Alarm', usagetype: 'CW:CompositeAlarmMonitorUsage', unit: 'Alarms' }) }],
});
