import { literal } from '../../terraform/resource-index';
import { HOURS_PER_MONTH, unknownReason } from '../pricing';
import { attributeReader, resourceType } from '../resource-type';

const body = attributeReader('name', 'type', 'standby_replicas');
const SERVERLESS = { offerCode: 'AmazonES', productFamily: 'Amazon OpenSearch Service Serverless' };

export const awsOpensearchserverlessCollection = resourceType({
  type: 'aws_opensearchserverless_collection',
  attributes: body.names,
  catalog: { kind: 'vector-store', name: (r) => literal(body.read(r).name) },
  stateful: { what: 'search collection', replacedBy: ['name', 'type', 'standby_replicas'] },
  taggable: true,
  usage: {
    opensearchServerlessIndexingOcus: { default: 0, description: 'Average indexing OCUs of an OpenSearch Serverless collection; below the minimum (1, or 0.5 without standby replicas) the minimum is billed. Default 0.' },
    opensearchServerlessSearchOcus: { default: 0, description: 'Average search OCUs of an OpenSearch Serverless collection; below the minimum (1, or 0.5 without standby replicas) the minimum is billed. Default 0.' },
    opensearchServerlessStorageGb: { default: 0, description: 'GB an OpenSearch Serverless collection stores in S3. Default 0.' },
  },
  pricing: {
    /**
     * OCU-hours for indexing and for search, each at least its minimum: 1 OCU with standby replicas
     * (0.5 in each of two zones, the default), 0.5 without; storage per GB-month. Collections
     * encrypted with the same KMS key share their OCUs, so the minimum is charged per collection as an upper bound.
     */
    pricer: (r, { usage }) => {
      const a = body.read(r);
      const standby = a.standby_replicas === undefined || a.standby_replicas === null ? 'ENABLED' : literal(a.standby_replicas);
      if (standby !== 'ENABLED' && standby !== 'DISABLED') return { notPriced: unknownReason(r, 'standby_replicas', a.standby_replicas) };
      const minimum = standby === 'ENABLED' ? 1 : 0.5;
      const indexing = Math.max(minimum, usage.opensearchServerlessIndexingOcus);
      const search = Math.max(minimum, usage.opensearchServerlessSearchOcus);
      const floor = (ocus: number) => (ocus === minimum ? `the minimum with standby replicas ${standby.toLowerCase()}` : 'usage file');
      return {
        charges: [
          { item: 'aoss.indexing.ocu.hour', quantity: indexing * HOURS_PER_MONTH, what: `${indexing} indexing OCUs (${floor(indexing)})` },
          { item: 'aoss.search.ocu.hour', quantity: search * HOURS_PER_MONTH, what: `${search} search OCUs (${floor(search)})` },
          { item: 'aoss.storage', quantity: usage.opensearchServerlessStorageGb, what: 'managed storage (GB, usage file)' },
        ],
      };
    },
  },
  // Not confirmed from an offer record.
  priceItems: [
    { key: 'aoss.indexing.ocu.hour', unit: 'OCU-Hrs', offer: () => ({ ...SERVERLESS, usagetype: 'IndexingOCU', unit: 'OCU-hours' }) },
    { key: 'aoss.search.ocu.hour', unit: 'OCU-Hrs', offer: () => ({ ...SERVERLESS, usagetype: 'SearchOCU', unit: 'OCU-hours' }) },
    { key: 'aoss.storage', unit: 'GB-Mo', offer: () => ({ ...SERVERLESS, usagetype: 'ServerlessStorage', unit: 'GB-Mo' }) },
  ],
});
