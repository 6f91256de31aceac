import { literal } from '../../terraform/resource-index';
import { hours, notLiteral } from '../pricing';
import { attributeReader, resourceType } from '../resource-type';

const body = attributeReader('vpc_endpoint_type', 'subnet_ids');

export const awsVpcEndpoint = resourceType({
  type: 'aws_vpc_endpoint',
  attributes: body.names,
  taggable: true,
  usage: { vpcEndpointProcessedGb: { default: 0, description: 'GB processed per interface VPC endpoint per month' } },
  pricing: {
    /** An interface endpoint is billed per hour in each subnet (zone) it has a network interface in, and per GB it processes; a gateway endpoint (S3, DynamoDB) is free. */
    pricer: (r, { usage }) => {
      const a = body.read(r);
      const type = literal(a.vpc_endpoint_type) ?? 'Gateway';
      if (type === 'Gateway') return { charges: [] };
      if (type !== 'Interface') return { notPriced: `a ${type} VPC endpoint` };
      const subnets = a.subnet_ids;
      if (!Array.isArray(subnets)) return notLiteral(r, 'subnet_ids', subnets);
      return {
        charges: [
          hours('vpcendpoint.interface.hour', `interface endpoint in ${subnets.length} zones`, subnets.length),
          { item: 'vpcendpoint.interface.gb', quantity: usage.vpcEndpointProcessedGb, what: 'GB processed (usage file)' },
        ],
      };
    },
  },
  priceItems: [
    { key: 'vpcendpoint.interface.hour', unit: 'Hrs', offer: () => ({ offerCode: 'AmazonVPC', productFamily: 'VpcEndpoint', usagetype: 'VpcEndpoint-Hours', unit: 'Hrs' }) },
    // The first tier (the first PB a month, per region); PrivateLink's lower tiers start above it.
    { key: 'vpcendpoint.interface.gb', unit: 'GB', offer: () => ({ offerCode: 'AmazonVPC', productFamily: 'VpcEndpoint', usagetype: 'VpcEndpoint-Bytes', unit: 'GB' }) },
  ],
});
