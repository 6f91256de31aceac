import { EC2_OFFER } from '../price-item';
import { hours } from '../pricing';
import { resourceType } from '../resource-type';

export const awsNatGateway = resourceType({
  type: 'aws_nat_gateway',
  taggable: true,
  usage: { natProcessedGb: { default: 100, description: 'GB processed per NAT gateway per month' } },
  pricing: {
    pricer: (_r, { usage }) => ({
      charges: [hours('natgateway.hour', 'NAT gateway'), { item: 'natgateway.gb', quantity: usage.natProcessedGb, what: 'GB processed (usage file)' }],
    }),
  },
  priceItems: [
    { key: 'natgateway.hour', unit: 'Hrs', offer: () => ({ ...EC2_OFFER, productFamily: 'NAT Gateway', usagetype: 'NatGateway-Hours', attributes: { operation: 'NatGateway' }, unit: 'Hrs' }) },
    { key: 'natgateway.gb', unit: 'GB', offer: () => ({ ...EC2_OFFER, productFamily: 'NAT Gateway', usagetype: 'NatGateway-Bytes', attributes: { operation: 'NatGateway' }, unit: 'GB' }) },
  ],
});
