import { block, literal } from '../../terraform/resource-index';
import { EC2_OFFER } from '../price-item';
import { hours, notLiteral, quantity } from '../pricing';
import { attributeReader, resourceType } from '../resource-type';

const body = attributeReader('instance_type', 'root_block_device');

export const awsInstance = resourceType({
  type: 'aws_instance',
  attributes: body.names,
  catalog: { kind: 'compute', name: (r) => r.tags.Name },
  taggable: true,
  pricing: {
    pricer: (r) => {
      const a = body.read(r);
      const type = literal(a.instance_type);
      if (!type) return notLiteral(r, 'instance_type', a.instance_type);
      const root = block(a.root_block_device) ?? {};
      // With no root_block_device the AMI decides; 8 GB gp2 is the Amazon Linux default.
      const volumeType = literal(root.volume_type) ?? 'gp2';
      return {
        charges: [hours(`ec2.instance.${type}`, `${type} Linux on-demand`), { item: `ebs.${volumeType}.storage`, quantity: quantity(r, 'root_block_device.volume_size', root.volume_size, 8), what: `root volume ${volumeType} (GB)` }],
      };
    },
  },
  priceItems: [
    {
      key: 'ec2.instance.{type}',
      unit: 'Hrs',
      offer: ({ type }) => ({
        ...EC2_OFFER,
        productFamily: 'Compute Instance',
        usagetype: `BoxUsage:${type}`,
        attributes: { instanceType: type, operatingSystem: 'Linux', tenancy: 'Shared', preInstalledSw: 'NA', capacitystatus: 'Used', licenseModel: 'No License required', operation: 'RunInstances' },
        unit: 'Hrs',
      }),
    },
  ],
});
