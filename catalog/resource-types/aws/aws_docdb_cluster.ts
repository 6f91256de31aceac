import { literal } from '../../terraform/resource-index';
import { unknownReason } from '../pricing';
import { attributeReader, resourceType } from '../resource-type';

const body = attributeReader('cluster_identifier', 'storage_type');
const DOCDB = { offerCode: 'AmazonDocDB' };

export const awsDocdbCluster = resourceType({
  type: 'aws_docdb_cluster',
  attributes: body.names,
  catalog: { kind: 'database', name: (r) => literal(body.read(r).cluster_identifier) },
  stateful: { what: 'document database cluster', replacedBy: ['cluster_identifier', 'cluster_identifier_prefix', 'engine', 'kms_key_id', 'storage_encrypted', 'master_username', 'availability_zones', 'snapshot_identifier'] },
  deletionProtection: { attribute: 'deletion_protection', protectedWhen: true },
  taggable: true,
  usage: {
    docdbStorageGb: { default: 0, description: 'GB a DocumentDB cluster stores. Default 0.' },
    docdbIoMillions: { default: 0, description: 'Million I/O requests of a DocumentDB cluster per month. Default 0.' },
  },
  pricing: {
    /** Storage and I/O of the cluster volume (standard storage), from the usage file; its instances are priced as themselves. */
    pricer: (r, { usage }) => {
      const storage = body.read(r).storage_type;
      const type = storage === undefined || storage === null ? 'standard' : literal(storage);
      if (type === undefined) return { notPriced: unknownReason(r, 'storage_type', storage) };
      if (type !== 'standard' && type !== '') return { notPriced: `storage_type ${JSON.stringify(type)}: only standard storage (priced per I/O) is priced` };
      return {
        charges: [
          { item: 'docdb.storage', quantity: usage.docdbStorageGb, what: 'cluster storage (GB, usage file)' },
          { item: 'docdb.io.million', quantity: usage.docdbIoMillions, what: 'million I/O requests (usage file)' },
        ],
      };
    },
  },
  // As Infracost's docdb_cluster_instance.go selects them (Database Storage StorageUsage, System Operation StorageIOUsage).
  priceItems: [
    { key: 'docdb.storage', unit: 'GB-Mo', offer: () => ({ ...DOCDB, productFamily: 'Database Storage', usagetype: 'StorageUsage', attributes: { volumeType: 'General Purpose' }, unit: 'GB-Mo' }) },
    { key: 'docdb.io.million', unit: '1M requests', offer: () => ({ ...DOCDB, productFamily: 'System Operation', usagetype: 'StorageIOUsage', unit: 'IOs', scale: 6 }) },
  ],
});
