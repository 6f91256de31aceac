import { FREE_TIER_PAGE } from '../price-item';
import { quantity } from '../pricing';
import { attributeReader, resourceType } from '../resource-type';

const body = attributeReader('retention_in_days');

export const awsCloudwatchLogGroup = resourceType({
  type: 'aws_cloudwatch_log_group',
  attributes: body.names,
  stateful: { what: 'log group', replacedBy: ['name', 'name_prefix'] },
  taggable: true,
  usage: { logIngestedGb: { default: 5, description: 'GB ingested per log group per month' } },
  pricing: {
    pricer: (r, { usage }) => {
      // Steady state: a month of ingest is kept for the retention period (a year when it never expires).
      const retentionMonths = Math.min(quantity(r, 'retention_in_days', body.read(r).retention_in_days, 365), 3653) / (365 / 12);
      return {
        charges: [
          { item: 'logs.ingest.gb', quantity: usage.logIngestedGb, what: 'GB ingested (usage file)' },
          { item: 'logs.storage.gb', quantity: Math.round(usage.logIngestedGb * retentionMonths * 100) / 100, what: 'GB stored at steady state' },
        ],
      };
    },
  },
  priceItems: [
    {
      key: 'logs.ingest.gb',
      unit: 'GB',
      offer: () => ({ offerCode: 'AmazonCloudWatch', productFamily: 'Data Payload', usagetype: 'DataProcessing-Bytes', attributes: { group: 'Ingested Logs' }, unit: 'GB' }),
      freeTier: { pool: 'logs.ingest.gb', perMonth: 5, reference: `${FREE_TIER_PAGE}: CloudWatch, 5 GB of log data ingestion per month` },
    },
    { key: 'logs.storage.gb', unit: 'GB-Mo', offer: () => ({ offerCode: 'AmazonCloudWatch', productFamily: 'Storage Snapshot', usagetype: 'TimedStorage-ByteHrs', unit: 'GB-Mo' }) },
  ],
});
