import { block } from '../../terraform/resource-index';
import { attributeReader, resourceType } from '../resource-type';

const ROUTING = ['latency_routing_policy', 'geolocation_routing_policy', 'geoproximity_routing_policy'] as const;
const body = attributeReader('alias', ...ROUTING);

// As Infracost's route53_record.go selects it: AmazonRoute53 "DNS Query" "DNS-Queries", first tier; not confirmed from a record.
export const awsRoute53Record = resourceType({
  type: 'aws_route53_record',
  attributes: body.names,
  taggable: false,
  usage: {
    route53QueriesMillions: { default: 0, description: 'Million standard queries answered per Route 53 record per month (alias records to AWS resources are free). Default 0.' },
  },
  pricing: {
    /** Standard queries from the usage file. Alias records to AWS resources answer for free; latency, geolocation and geoproximity routing are billed at other rates, not priced here. */
    pricer: (r, { usage }) => {
      const a = body.read(r);
      if (block(a.alias)) return { charges: [] };
      const routing = ROUTING.find((name) => block(a[name]));
      if (routing) return { notPriced: `${routing}: only standard queries are priced` };
      return { charges: [{ item: 'route53.queries.million', quantity: usage.route53QueriesMillions, what: 'million standard queries (usage file)' }] };
    },
  },
  priceItems: [{ key: 'route53.queries.million', unit: '1M queries', offer: () => ({ offerCode: 'AmazonRoute53', productFamily: 'DNS Query', usagetype: 'DNS-Queries', global: true, unit: 'Queries', scale: 6 }) }],
});
