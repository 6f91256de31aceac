import { literal } from '../../terraform/resource-index';
import { attributeReader, resourceType } from '../resource-type';

const body = attributeReader('bucket');

export const awsS3Bucket = resourceType({
  type: 'aws_s3_bucket',
  attributes: body.names,
  catalog: { kind: 'bucket', name: (r) => literal(body.read(r).bucket) },
  stateful: { what: 'bucket', replacedBy: ['bucket', 'bucket_prefix', 'object_lock_enabled'] },
  deletionProtection: { attribute: 'force_destroy', protectedWhen: false },
  taggable: true,
  usage: {
    s3StorageGb: { default: 50, description: 'GB stored per bucket' },
    s3PutRequestsThousands: { default: 100 },
    s3GetRequestsThousands: { default: 1000 },
  },
  pricing: {
    pricer: (_r, { usage }) => ({
      charges: [
        { item: 's3.standard.storage', quantity: usage.s3StorageGb, what: 'GB stored (usage file)' },
        { item: 's3.put.1k', quantity: usage.s3PutRequestsThousands, what: '1K PUT/LIST requests (usage file)' },
        { item: 's3.get.1k', quantity: usage.s3GetRequestsThousands, what: '1K GET requests (usage file)' },
      ],
    }),
  },
  priceItems: [
    {
      key: 's3.standard.storage',
      unit: 'GB-Mo',
      offer: () => ({ offerCode: 'AmazonS3', productFamily: 'Storage', usagetype: 'TimedStorage-ByteHrs', attributes: { volumeType: 'Standard', storageClass: 'General Purpose' }, unit: 'GB-Mo' }),
    },
    { key: 's3.put.1k', unit: '1K requests', offer: () => ({ offerCode: 'AmazonS3', productFamily: 'API Request', usagetype: 'Requests-Tier1', attributes: { group: 'S3-API-Tier1' }, unit: 'Requests', scale: 3 }) },
    { key: 's3.get.1k', unit: '1K requests', offer: () => ({ offerCode: 'AmazonS3', productFamily: 'API Request', usagetype: 'Requests-Tier2', attributes: { group: 'S3-API-Tier2' }, unit: 'Requests', scale: 3 }) },
  ],
});
