import { resourceType } from '../resource-type';

// As Infracost's route53_zone.go selects it: AmazonRoute53 "DNS Zone" "HostedZone"; not confirmed from a record.
export const awsRoute53Zone = resourceType({
  type: 'aws_route53_zone',
  taggable: true,
  pricing: { pricer: () => ({ charges: [{ item: 'route53.zone', quantity: 1, what: 'hosted zone' }] }) },
  priceItems: [{ key: 'route53.zone', unit: 'Zone-Mo', offer: () => ({ offerCode: 'AmazonRoute53', productFamily: 'DNS Zone', usagetype: 'HostedZone', global: true, unit: 'HostedZone' }) }],
});
