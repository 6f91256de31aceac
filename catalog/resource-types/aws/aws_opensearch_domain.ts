import { block, literal } from '../../terraform/resource-index';
import { Charge, flag, hours, quantity, unknownReason } from '../pricing';
import { attributeReader, resourceType } from '../resource-type';

const body = attributeReader('domain_name', 'cluster_config', 'ebs_options');
const OPENSEARCH = { offerCode: 'AmazonES' };
/** The Elasticsearch-era name of an instance type (m5.large.elasticsearch) is priced as its OpenSearch name. */
const searchType = (type: string) => type.replace(/\.elasticsearch$/, '.search');
const STORAGE: Readonly<Record<string, string>> = { gp2: 'GP2', gp3: 'GP3', standard: 'Magnetic' };

export const awsOpensearchDomain = resourceType({
  type: 'aws_opensearch_domain',
  aliases: ['aws_elasticsearch_domain'],
  attributes: body.names,
  stateful: { what: 'search domain', replacedBy: ['domain_name', 'engine_version'] },
  taggable: true,
  pricing: {
    /** Data nodes (instance_count × instance_type), dedicated masters and UltraWarm nodes per hour; EBS storage per GB on every data node. */
    pricer: (r) => {
      const a = body.read(r);
      const cluster = block(a.cluster_config) ?? {};
      const type = literal(cluster.instance_type);
      if (cluster.instance_type === undefined || cluster.instance_type === null) return { notPriced: 'cluster_config.instance_type not set (the provider\'s default depends on the engine version)' };
      if (!type) return { notPriced: unknownReason(r, 'cluster_config.instance_type', cluster.instance_type) };
      const count = quantity(r, 'cluster_config.instance_count', cluster.instance_count, 1);
      const charges: Charge[] = [hours(`opensearch.instance.${searchType(type)}`, `${count} × ${type} data node`, count)];
      for (const [enabled, typeAttribute, countAttribute, what, fallback] of [
        ['dedicated_master_enabled', 'dedicated_master_type', 'dedicated_master_count', 'dedicated master', 3],
        ['warm_enabled', 'warm_type', 'warm_count', 'UltraWarm node', 0],
      ] as const) {
        if (!flag(cluster[enabled])) continue;
        const nodeType = literal(cluster[typeAttribute]);
        if (!nodeType) return { notPriced: unknownReason(r, `cluster_config.${typeAttribute}`, cluster[typeAttribute]) };
        const nodes = quantity(r, `cluster_config.${countAttribute}`, cluster[countAttribute], fallback);
        charges.push(hours(`opensearch.instance.${searchType(nodeType)}`, `${nodes} × ${nodeType} ${what}`, nodes));
      }
      const ebs = block(a.ebs_options);
      if (ebs && flag(ebs.ebs_enabled)) {
        const volume = literal(ebs.volume_type) ?? 'gp2';
        if (!STORAGE[volume]) return { notPriced: `ebs_options.volume_type ${JSON.stringify(volume)}: only ${Object.keys(STORAGE).join(', ')} storage is priced` };
        const size = quantity(r, 'ebs_options.volume_size', ebs.volume_size, 0);
        charges.push({ item: `opensearch.storage.${volume}`, quantity: size * count, what: `${count} × ${size} GB ${volume}` });
      }
      return { charges };
    },
  },
  // As Infracost's opensearch_domain.go selects them (AmazonES); not confirmed from an offer record.
  priceItems: [
    { key: 'opensearch.instance.{type}', unit: 'Hrs', offer: ({ type }) => ({ ...OPENSEARCH, productFamily: 'Amazon OpenSearch Service Instance', usagetype: `ESInstance:${type}`, attributes: { instanceType: type }, unit: 'Hrs' }) },
    { key: 'opensearch.storage.{volume}', unit: 'GB-Mo', offer: ({ volume }) => ({ ...OPENSEARCH, productFamily: 'Amazon OpenSearch Service Volume', usagetype: `ES:${STORAGE[volume] ?? volume}-Storage`, unit: 'GB-Mo' }) },
  ],
});
