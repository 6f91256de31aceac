import { literal } from '../../terraform/resource-index';
import { AURORA_ENGINES } from '../price-item';
import { Charge, flag } from '../pricing';
import { attributeReader, resourceType } from '../resource-type';

const body = attributeReader('cluster_identifier', 'engine', 'manage_master_user_password');

export const awsRdsCluster = resourceType({
  type: 'aws_rds_cluster',
  attributes: body.names,
  catalog: { kind: 'database', name: (r) => literal(body.read(r).cluster_identifier) },
  stateful: { what: 'database cluster', replacedBy: ['cluster_identifier', 'cluster_identifier_prefix', 'engine', 'database_name', 'kms_key_id', 'storage_encrypted', 'master_username', 'availability_zones'] },
  deletionProtection: { attribute: 'deletion_protection', protectedWhen: true },
  scorecard: ['database-backups'],
  taggable: true,
  usage: {
    auroraStorageGb: { default: 20 },
    auroraIoMillions: { default: 10 },
  },
  pricing: {
    pricer: (r, { usage }) => {
      const a = body.read(r);
      const engine = literal(a.engine) ?? 'aurora-postgresql';
      if (!AURORA_ENGINES[engine]) return { notPriced: `engine ${JSON.stringify(engine)} is not an Aurora engine Groundwork prices (${Object.keys(AURORA_ENGINES).join(', ')})` };
      const charges: Charge[] = [
        { item: `rds.${engine}.storage`, quantity: usage.auroraStorageGb, what: 'Aurora storage (GB, usage file)' },
        { item: `rds.${engine}.io`, quantity: usage.auroraIoMillions, what: 'Aurora I/O (millions, usage file)' },
      ];
      if (flag(a.manage_master_user_password)) charges.push({ item: 'secretsmanager.secret', quantity: 1, what: 'master password secret kept by RDS' });
      return { charges };
    },
  },
  priceItems: [
    {
      key: 'rds.{aurora}.storage',
      unit: 'GB-Mo',
      offer: ({ aurora }) => ({ offerCode: 'AmazonRDS', productFamily: 'Database Storage', usagetype: 'Aurora:StorageUsage', attributes: { databaseEngine: AURORA_ENGINES[aurora] ?? aurora }, unit: 'GB-Mo' }),
    },
    {
      key: 'rds.{aurora}.io',
      unit: '1M requests',
      offer: ({ aurora }) => ({ offerCode: 'AmazonRDS', productFamily: 'System Operation', usagetype: 'Aurora:StorageIOUsage', attributes: { databaseEngine: AURORA_ENGINES[aurora] ?? aurora }, unit: 'IOs', scale: 6 }),
    },
  ],
});
