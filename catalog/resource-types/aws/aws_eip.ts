import { hours } from '../pricing';
import { resourceType } from '../resource-type';

export const awsEip = resourceType({
  type: 'aws_eip',
  taggable: true,
  pricing: { pricer: () => ({ charges: [hours('publicipv4.hour', 'public IPv4 address')] }) },
  priceItems: [{ key: 'publicipv4.hour', unit: 'Hrs', offer: () => ({ offerCode: 'AmazonVPC', productFamily: 'VpcPublicIPv4Address', usagetype: 'PublicIPv4:InUseAddress', unit: 'Hrs' }) }],
});
