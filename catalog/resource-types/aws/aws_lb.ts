import { literal } from '../../terraform/resource-index';
import type { PriceItem } from '../price-item';
import { HOURS_PER_MONTH, hours } from '../pricing';
import { attributeReader, resourceType } from '../resource-type';

const body = attributeReader('name', 'load_balancer_type');

export const awsLb = resourceType({
  type: 'aws_lb',
  aliases: ['aws_alb'],
  attributes: body.names,
  catalog: { kind: 'load-balancer', name: (r) => literal(body.read(r).name) },
  taggable: true,
  usage: { loadBalancerCapacityUnits: { default: 1, description: 'average LCU (ALB) or NLCU (NLB)' } },
  pricing: {
    pricer: (r, { usage }) => {
      const type = literal(body.read(r).load_balancer_type) ?? 'application';
      if (type !== 'application' && type !== 'network') return { notPriced: `load balancer type ${type}` };
      const unit = type === 'application' ? 'lcu' : 'nlcu';
      return {
        charges: [
          hours(`elb.${type}.hour`, `${type} load balancer`),
          { item: `elb.${type}.${unit}`, quantity: usage.loadBalancerCapacityUnits * HOURS_PER_MONTH, what: `${unit.toUpperCase()}-hours (usage file)` },
        ],
      };
    },
  },
  priceItems: (['application', 'network'] as const).flatMap((type): PriceItem[] => {
    const family = type === 'application' ? 'Load Balancer-Application' : 'Load Balancer-Network';
    const operation = type === 'application' ? 'LoadBalancing:Application' : 'LoadBalancing:Network';
    return [
      { key: `elb.${type}.hour`, unit: 'Hrs', offer: () => ({ offerCode: 'AWSELB', productFamily: family, usagetype: 'LoadBalancerUsage', attributes: { operation }, unit: 'Hrs' }) },
      { key: `elb.${type}.${type === 'application' ? 'lcu' : 'nlcu'}`, unit: 'LCU-Hrs', offer: () => ({ offerCode: 'AWSELB', productFamily: family, usagetype: 'LCUUsage', attributes: { operation }, unit: 'LCU-Hrs' }) },
    ];
  }),
});
