import { literal } from '../../terraform/resource-index';
import { attributeReader, resourceType } from '../resource-type';

const body = attributeReader('comment');
const edgePrefix = { 'us-east-1': 'US-', 'eu-west-1': 'EU-' };

export const awsCloudfrontDistribution = resourceType({
  type: 'aws_cloudfront_distribution',
  attributes: body.names,
  catalog: { kind: 'cdn', name: (r) => literal(body.read(r).comment) },
  taggable: true,
  usage: {
    cdnTransferGb: { default: 100, description: 'GB CloudFront serves per distribution per month' },
    cdnRequestsTenThousands: { default: 100 },
  },
  pricing: {
    pricer: (_r, { usage }) => ({
      charges: [
        { item: 'cloudfront.transfer.gb', quantity: usage.cdnTransferGb, what: 'GB served (usage file)' },
        { item: 'cloudfront.requests.10k', quantity: usage.cdnRequestsTenThousands, what: '10K HTTPS requests (usage file)' },
      ],
    }),
  },
  priceItems: [
    { key: 'cloudfront.transfer.gb', unit: 'GB', offer: () => ({ offerCode: 'AmazonCloudFront', productFamily: 'Data Transfer', usagetype: 'DataTransfer-Out-Bytes', edgePrefix, unit: 'GB' }) },
    { key: 'cloudfront.requests.10k', unit: '10K requests', offer: () => ({ offerCode: 'AmazonCloudFront', productFamily: 'Request', usagetype: 'Requests-Tier2-HTTPS', edgePrefix, unit: 'Requests', scale: 4 }) },
  ],
});
