import { resourceType } from '../resource-type';

export const awsVpc = resourceType({
  type: 'aws_vpc',
  catalog: { kind: 'network', name: (r) => r.tags.Name },
  taggable: true,
  pricing: 'free',
});
