import { literal } from '../../terraform/resource-index';
import { hours } from '../pricing';
import { attributeReader, resourceType } from '../resource-type';

const body = attributeReader('name');

export const awsEksCluster = resourceType({
  type: 'aws_eks_cluster',
  attributes: body.names,
  catalog: { kind: 'cluster', name: (r) => literal(body.read(r).name) },
  taggable: true,
  pricing: { pricer: () => ({ charges: [hours('eks.cluster.hour', 'EKS control plane')] }) },
  priceItems: [{ key: 'eks.cluster.hour', unit: 'Hrs', offer: () => ({ offerCode: 'AmazonEKS', productFamily: 'Compute', usagetype: 'AmazonEKS-Hours:perCluster', unit: 'Hrs' }) }],
});
