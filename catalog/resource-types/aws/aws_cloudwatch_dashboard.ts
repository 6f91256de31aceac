import { FREE_TIER_PAGE } from '../price-item';
import { resourceType } from '../resource-type';

export const awsCloudwatchDashboard = resourceType({
  type: 'aws_cloudwatch_dashboard',
  taggable: false,
  pricing: { pricer: () => ({ charges: [{ item: 'cloudwatch.dashboard', quantity: 1, what: 'dashboard' }] }) },
  priceItems: [
    {
      key: 'cloudwatch.dashboard',
      unit: 'Dashboard-Mo',
      offer: () => ({ offerCode: 'AmazonCloudWatch', productFamily: 'Dashboard', usagetype: 'DashboardsUsageHour', unit: 'Dashboards' }),
      freeTier: { pool: 'cloudwatch.dashboard', perMonth: 3, reference: `${FREE_TIER_PAGE}: CloudWatch, 3 dashboards of up to 50 metrics per month` },
    },
  ],
});
