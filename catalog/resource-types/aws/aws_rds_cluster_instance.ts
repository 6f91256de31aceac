import { literal } from '../../terraform/resource-index';
import { AURORA_ENGINES, rdsUsageClass } from '../price-item';
import { hours, notLiteral } from '../pricing';
import { attributeReader, resourceType } from '../resource-type';

const body = attributeReader('engine', 'instance_class');

export const awsRdsClusterInstance = resourceType({
  type: 'aws_rds_cluster_instance',
  attributes: body.names,
  taggable: true,
  pricing: {
    pricer: (r) => {
      const a = body.read(r);
      const engine = literal(a.engine) ?? 'aurora-postgresql';
      const instanceClass = literal(a.instance_class);
      if (!instanceClass) return notLiteral(r, 'instance_class', a.instance_class);
      return { charges: [hours(`rds.instance.${engine}.${instanceClass}`, `${instanceClass} ${engine}`)] };
    },
  },
  priceItems: [
    {
      key: 'rds.instance.{aurora}.{class}',
      unit: 'Hrs',
      offer: ({ aurora, class: instanceClass }) => ({
        offerCode: 'AmazonRDS',
        productFamily: 'Database Instance',
        usagetype: `InstanceUsage:${rdsUsageClass(instanceClass)}`,
        attributes: { instanceType: instanceClass, databaseEngine: AURORA_ENGINES[aurora] ?? aurora, deploymentOption: 'Single-AZ' },
        unit: 'Hrs',
      }),
    },
  ],
});
