import { blocks, literal } from '../../terraform/resource-index';
import { FREE_TIER_PAGE } from '../price-item';
import { Charge, hours, quantity, unknownReason } from '../pricing';
import { attributeReader, resourceType } from '../resource-type';

const body = attributeReader('name', 'billing_mode', 'read_capacity', 'write_capacity', 'replica', 'table_class');
const DYNAMODB = { offerCode: 'AmazonDynamoDB' };
const alwaysFree = (what: string) => `${FREE_TIER_PAGE}: DynamoDB, ${what}`;

export const awsDynamodbTable = resourceType({
  type: 'aws_dynamodb_table',
  attributes: body.names,
  catalog: { kind: 'database', name: (r) => literal(body.read(r).name) },
  stateful: { what: 'table', replacedBy: ['name', 'hash_key', 'range_key'] },
  deletionProtection: { attribute: 'deletion_protection_enabled', protectedWhen: true },
  taggable: true,
  usage: {
    dynamodbStorageGb: { default: 0, description: 'GB a DynamoDB table stores. Default 0.' },
    dynamodbWriteRequestsMillions: { default: 0, description: 'Million write request units per month of an on-demand (PAY_PER_REQUEST) table. Default 0.' },
    dynamodbReadRequestsMillions: { default: 0, description: 'Million read request units per month of an on-demand (PAY_PER_REQUEST) table. Default 0.' },
  },
  pricing: {
    /** Provisioned: read and write capacity units per hour; on demand: request units from the usage file; both: storage. */
    pricer: (r, { usage }) => {
      const a = body.read(r);
      // Replicas are billed in their own regions (replicated writes): a sum in one region's prices would be wrong.
      if (blocks(a.replica).length) return { notPriced: 'global table replicas (replica blocks) are billed in their own regions: not priced yet' };
      const tableClass = literal(a.table_class) ?? 'STANDARD';
      if (tableClass !== 'STANDARD') return { notPriced: `table_class ${JSON.stringify(tableClass)}: only STANDARD is priced` };
      const mode = a.billing_mode === undefined || a.billing_mode === null ? 'PROVISIONED' : literal(a.billing_mode);
      const storage: Charge = { item: 'dynamodb.storage', quantity: usage.dynamodbStorageGb, what: 'table storage (GB, usage file)' };
      if (mode === 'PAY_PER_REQUEST') {
        return {
          charges: [
            { item: 'dynamodb.write.million', quantity: usage.dynamodbWriteRequestsMillions, what: 'million write request units (usage file)' },
            { item: 'dynamodb.read.million', quantity: usage.dynamodbReadRequestsMillions, what: 'million read request units (usage file)' },
            storage,
          ],
        };
      }
      if (mode !== 'PROVISIONED') return { notPriced: mode === undefined ? unknownReason(r, 'billing_mode', a.billing_mode) : `billing_mode ${JSON.stringify(mode)} is neither PROVISIONED nor PAY_PER_REQUEST` };
      const wcu = quantity(r, 'write_capacity', a.write_capacity, 0);
      const rcu = quantity(r, 'read_capacity', a.read_capacity, 0);
      return { charges: [hours('dynamodb.wcu.hour', `${wcu} write capacity units`, wcu), hours('dynamodb.rcu.hour', `${rcu} read capacity units`, rcu), storage] };
    },
  },
  // As Infracost's dynamodb_table.go selects them; the importer matches usagetype exactly.
  priceItems: [
    {
      key: 'dynamodb.wcu.hour',
      unit: 'WCU-Hrs',
      offer: () => ({ ...DYNAMODB, productFamily: 'Provisioned IOPS', usagetype: 'WriteCapacityUnit-Hrs', attributes: { group: 'DDB-WriteUnits' }, unit: 'WriteCapacityUnit-Hrs' }),
      freeTier: { pool: 'dynamodb.wcu.hour', perMonth: 25 * 730, reference: alwaysFree('25 provisioned write capacity units') },
    },
    {
      key: 'dynamodb.rcu.hour',
      unit: 'RCU-Hrs',
      offer: () => ({ ...DYNAMODB, productFamily: 'Provisioned IOPS', usagetype: 'ReadCapacityUnit-Hrs', attributes: { group: 'DDB-ReadUnits' }, unit: 'ReadCapacityUnit-Hrs' }),
      freeTier: { pool: 'dynamodb.rcu.hour', perMonth: 25 * 730, reference: alwaysFree('25 provisioned read capacity units') },
    },
    { key: 'dynamodb.write.million', unit: '1M requests', offer: () => ({ ...DYNAMODB, productFamily: 'Amazon DynamoDB PayPerRequest Throughput', usagetype: 'WriteRequestUnits', attributes: { group: 'DDB-WriteUnits' }, unit: 'WriteRequestUnits', scale: 6 }) },
    { key: 'dynamodb.read.million', unit: '1M requests', offer: () => ({ ...DYNAMODB, productFamily: 'Amazon DynamoDB PayPerRequest Throughput', usagetype: 'ReadRequestUnits', attributes: { group: 'DDB-ReadUnits' }, unit: 'ReadRequestUnits', scale: 6 }) },
    {
      key: 'dynamodb.storage',
      unit: 'GB-Mo',
      offer: () => ({ ...DYNAMODB, productFamily: 'Database Storage', usagetype: 'TimedStorage-ByteHrs', unit: 'GB-Mo' }),
      freeTier: { pool: 'dynamodb.storage', perMonth: 25, reference: alwaysFree('25 GB of storage') },
    },
  ],
});
