import { block, literal } from '../../terraform/resource-index';
import { attributeReader, resourceType } from '../resource-type';

const body = attributeReader('spec');

export const kubernetesService = resourceType({
  type: 'kubernetes_service',
  aliases: ['kubernetes_service_v1'],
  attributes: body.names,
  pricing: {
    /** ClusterIP and NodePort services are free; a LoadBalancer service buys a load balancer we cannot see. */
    pricer: (r) => {
      const type = literal(block(body.read(r).spec)?.type) ?? 'ClusterIP';
      return type === 'LoadBalancer' ? { notPriced: 'type LoadBalancer: the cloud load balancer it creates is not in the Terraform' } : { charges: [] };
    },
  },
});
