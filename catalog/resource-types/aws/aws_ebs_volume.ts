import { literal } from '../../terraform/resource-index';
import { EC2_OFFER } from '../price-item';
import { Charge, quantity } from '../pricing';
import { attributeReader, resourceType } from '../resource-type';

const body = attributeReader('type', 'size', 'iops');

export const awsEbsVolume = resourceType({
  type: 'aws_ebs_volume',
  attributes: body.names,
  taggable: true,
  pricing: {
    pricer: (r) => {
      const a = body.read(r);
      const type = literal(a.type) ?? 'gp3';
      const charges: Charge[] = [{ item: `ebs.${type}.storage`, quantity: quantity(r, 'size', a.size, 0), what: `${type} volume (GB)` }];
      if ((type === 'io1' || type === 'io2') && quantity(r, 'iops', a.iops, 0) > 0) charges.push({ item: 'ebs.io1.iops', quantity: quantity(r, 'iops', a.iops, 0), what: 'provisioned IOPS' });
      return { charges };
    },
  },
  priceItems: [
    {
      key: 'ebs.{volume}.storage',
      unit: 'GB-Mo',
      offer: ({ volume }) => ({
        ...EC2_OFFER,
        productFamily: 'Storage',
        usagetype: { gp2: 'EBS:VolumeUsage.gp2', gp3: 'EBS:VolumeUsage.gp3', io1: 'EBS:VolumeUsage.piops', io2: 'EBS:VolumeUsage.io2', st1: 'EBS:VolumeUsage.st1', sc1: 'EBS:VolumeUsage.sc1', standard: 'EBS:VolumeUsage' }[volume] ?? `EBS:VolumeUsage.${volume}`,
        attributes: { volumeApiName: volume },
        unit: 'GB-Mo',
      }),
    },
    { key: 'ebs.io1.iops', unit: 'IOPS-Mo', offer: () => ({ ...EC2_OFFER, productFamily: 'System Operation', usagetype: 'EBS:VolumeP-IOPS.piops', attributes: { volumeApiName: 'io1' }, unit: 'IOPS-Mo' }) },
  ],
});
