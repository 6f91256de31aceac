import { literal } from '../../terraform/resource-index';
import { ANY_ENGINE, AZ, RDS_ENGINES, rdsUsageClass } from '../price-item';
import { Charge, flag, hours, notLiteral, quantity } from '../pricing';
import { attributeReader, resourceType } from '../resource-type';

const body = attributeReader('identifier', 'engine', 'instance_class', 'multi_az', 'iops', 'storage_type', 'allocated_storage', 'manage_master_user_password');

export const awsDbInstance = resourceType({
  type: 'aws_db_instance',
  attributes: body.names,
  catalog: { kind: 'database', name: (r) => literal(body.read(r).identifier) },
  // Source: hashicorp/aws 5.100.0 resource documentation ("Forces new resource").
  stateful: { what: 'database', replacedBy: ['identifier', 'identifier_prefix', 'engine', 'availability_zone', 'db_name', 'kms_key_id', 'storage_encrypted', 'username', 'character_set_name', 'timezone'] },
  deletionProtection: { attribute: 'deletion_protection', protectedWhen: true },
  scorecard: ['database-backups', 'multi-az-production'],
  taggable: true,
  pricing: {
    pricer: (r) => {
      const a = body.read(r);
      const engine = literal(a.engine);
      const instanceClass = literal(a.instance_class);
      if (!engine) return notLiteral(r, 'engine', a.engine);
      if (!instanceClass) return notLiteral(r, 'instance_class', a.instance_class);
      const az = flag(a.multi_az) ? 'multi-az' : 'single-az';
      const iops = quantity(r, 'iops', a.iops, 0);
      // AWS's own default: gp2, or io1 when IOPS are provisioned.
      const storageType = literal(a.storage_type) ?? (iops > 0 ? 'io1' : 'gp2');
      const charges: Charge[] = [
        hours(`rds.instance.${engine}.${instanceClass}.${az}`, `${instanceClass} ${engine} ${az === 'multi-az' ? 'Multi-AZ' : 'Single-AZ'}`),
        { item: `rds.storage.${storageType}.${az}`, quantity: quantity(r, 'allocated_storage', a.allocated_storage, 20), what: `${storageType} storage (GB)` },
      ];
      if (storageType === 'io1' && iops > 0) charges.push({ item: `rds.iops.io1.${az}`, quantity: iops, what: 'provisioned IOPS' });
      if (flag(a.manage_master_user_password)) charges.push({ item: 'secretsmanager.secret', quantity: 1, what: 'master password secret kept by RDS' });
      return { charges };
    },
  },
  priceItems: [
    {
      key: 'rds.instance.{engine}.{class}.{az}',
      unit: 'Hrs',
      offer: ({ engine, class: instanceClass, az }) => ({
        offerCode: 'AmazonRDS',
        productFamily: 'Database Instance',
        usagetype: `${az === 'multi-az' ? 'Multi-AZUsage' : 'InstanceUsage'}:${rdsUsageClass(instanceClass)}`,
        attributes: { instanceType: instanceClass, databaseEngine: RDS_ENGINES[engine] ?? engine, deploymentOption: AZ[az] ?? az, licenseModel: 'No license required' },
        unit: 'Hrs',
      }),
    },
    {
      key: 'rds.storage.{volume}.{az}',
      unit: 'GB-Mo',
      offer: ({ volume, az }) => {
        const kind = { gp2: 'GP2', gp3: 'GP3', io1: 'PIOPS' }[volume] ?? volume.toUpperCase();
        return { offerCode: 'AmazonRDS', productFamily: 'Database Storage', usagetype: `RDS:${az === 'multi-az' ? 'Multi-AZ-' : ''}${kind}-Storage`, attributes: { ...ANY_ENGINE, deploymentOption: AZ[az] ?? az }, unit: 'GB-Mo' };
      },
    },
    {
      key: 'rds.iops.io1.{az}',
      unit: 'IOPS-Mo',
      offer: ({ az }) => ({ offerCode: 'AmazonRDS', productFamily: 'Provisioned IOPS', usagetype: `RDS:${az === 'multi-az' ? 'Multi-AZ-' : ''}PIOPS`, attributes: { ...ANY_ENGINE, deploymentOption: AZ[az] ?? az }, unit: 'IOPS-Mo' }),
    },
  ],
});
