import { literal } from '../../terraform/resource-index';
import { notLiteral } from '../pricing';
import { attributeReader, resourceType } from '../resource-type';

const body = attributeReader('throughput_mode', 'availability_zone_name');

// Products as Infracost's price filters select them (internal/resources/aws/efs_file_system.go: AmazonEFS "Storage",
// usagetype "<prefix>-TimedStorage-ByteHrs" or "-TimedStorage-Z-ByteHrs" for One Zone). The offer units are not
// confirmed from a record: an import that matches nothing reports the key missing.
export const awsEfsFileSystem = resourceType({
  type: 'aws_efs_file_system',
  attributes: body.names,
  stateful: { what: 'file system', replacedBy: ['creation_token', 'encrypted', 'kms_key_id', 'performance_mode'] },
  taggable: true,
  usage: {
    efsStorageGb: { default: 0, description: 'GB stored per EFS file system (Standard, or One Zone when the file system sets availability_zone_name). Default 0.' },
  },
  pricing: {
    /**
     * Standard storage from the usage file (One Zone when the file system names its zone). Provisioned
     * and Elastic throughput are billed beyond storage, for want of a price item: not priced, said so.
     */
    pricer: (r, { usage }) => {
      const a = body.read(r);
      const mode = a.throughput_mode === undefined || a.throughput_mode === null ? 'bursting' : literal(a.throughput_mode);
      if (mode === undefined) return notLiteral(r, 'throughput_mode', a.throughput_mode);
      if (mode !== 'bursting') return { notPriced: `throughput_mode ${JSON.stringify(a.throughput_mode)}: only bursting throughput (included with storage) is priced` };
      const oneZone = ![undefined, null, ''].includes(a.availability_zone_name as never);
      return { charges: [{ item: oneZone ? 'efs.one-zone.storage' : 'efs.standard.storage', quantity: usage.efsStorageGb, what: `GB stored, ${oneZone ? 'One Zone' : 'Standard'} (usage file)` }] };
    },
  },
  priceItems: [
    { key: 'efs.standard.storage', unit: 'GB-Mo', offer: () => ({ offerCode: 'AmazonEFS', productFamily: 'Storage', usagetype: 'TimedStorage-ByteHrs', unit: 'GB-Mo' }) },
    { key: 'efs.one-zone.storage', unit: 'GB-Mo', offer: () => ({ offerCode: 'AmazonEFS', productFamily: 'Storage', usagetype: 'TimedStorage-Z-ByteHrs', unit: 'GB-Mo' }) },
  ],
});
