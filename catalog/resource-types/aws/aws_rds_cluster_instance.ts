import { block, literal, ResourceRecord } from '../../terraform/resource-index';
import { AURORA_ENGINES, rdsUsageClass } from '../price-item';
import { hours, HOURS_PER_MONTH, notLiteral, PriceResult, PricingContext, quantity, unknownReason } from '../pricing';
import { attributeReader, resourceType } from '../resource-type';
import { referencedResource } from '../referenced-resource';

const body = attributeReader('engine', 'instance_class', 'cluster_identifier');

/** The instance's cluster, by reference or literal identifier. */
const clusterOf = (r: ResourceRecord, context: PricingContext) =>
  referencedResource(body.read(r).cluster_identifier, 'aws_rds_cluster', context, (c, text) => literal(c.body.cluster_identifier) === text);

/**
 * The instance's engine: its own literal, else its cluster's (instances usually say
 * `engine = aws_rds_cluster.x.engine`); a reason when neither is known.
 */
function engineOf(r: ResourceRecord, context: PricingContext): string | { notPriced: string } {
  const own = body.read(r).engine;
  if (own === undefined || own === null) return 'aurora-postgresql';
  const text = literal(own);
  if (text !== undefined) return text;
  const cluster = clusterOf(r, context);
  const inherited = typeof cluster === 'string' ? undefined : literal(cluster.body.engine);
  return inherited ?? { notPriced: unknownReason(r, 'engine', own) };
}

/**
 * An Aurora Serverless v2 instance: ACU-hours at the average the usage file gives, never below its
 * cluster's serverlessv2_scaling_configuration.min_capacity (0 lets it pause) nor above its max_capacity.
 */
function serverlessV2(r: ResourceRecord, engine: string, averageAcu: number, context: PricingContext): PriceResult {
  const cluster = clusterOf(r, context);
  if (typeof cluster === 'string') return { notPriced: `${cluster}: its serverlessv2_scaling_configuration gives the minimum ACUs` };
  const scaling = block(cluster.body.serverlessv2_scaling_configuration);
  if (!scaling) return { notPriced: `${cluster.address} has no serverlessv2_scaling_configuration for its db.serverless instances` };
  const minimum = quantity(cluster, 'serverlessv2_scaling_configuration.min_capacity', scaling.min_capacity, 0);
  const maximum = quantity(cluster, 'serverlessv2_scaling_configuration.max_capacity', scaling.max_capacity, Infinity);
  const acu = Math.min(maximum, Math.max(minimum, averageAcu));
  const why = acu === minimum && averageAcu <= minimum ? `the minimum of ${cluster.address}` : acu === maximum && averageAcu > maximum ? `the maximum of ${cluster.address}` : 'usage file';
  return { charges: [{ item: `rds.${engine}.serverless-v2.acu`, quantity: acu * HOURS_PER_MONTH, what: `${acu} ACUs on average (${why})` }] };
}

export const awsRdsClusterInstance = resourceType({
  type: 'aws_rds_cluster_instance',
  attributes: body.names,
  taggable: true,
  usage: { auroraServerlessAverageAcu: { default: 0, description: 'Average ACUs of an Aurora Serverless v2 instance (db.serverless); its cluster\'s min_capacity is the floor, max_capacity the ceiling. Default 0 (the floor).' } },
  pricing: {
    pricer: (r, context) => {
      const a = body.read(r);
      const engine = engineOf(r, context);
      if (typeof engine !== 'string') return engine;
      if (!AURORA_ENGINES[engine]) return { notPriced: `engine ${JSON.stringify(engine)} is not an Aurora engine Groundwork prices (${Object.keys(AURORA_ENGINES).join(', ')})` };
      const instanceClass = literal(a.instance_class);
      if (!instanceClass) return notLiteral(r, 'instance_class', a.instance_class);
      if (instanceClass === 'db.serverless') return serverlessV2(r, engine, context.usage.auroraServerlessAverageAcu, context);
      return { charges: [hours(`rds.instance.${engine}.${instanceClass}`, `${instanceClass} ${engine}`)] };
    },
  },
  priceItems: [
    {
      key: 'rds.{aurora}.serverless-v2.acu',
      unit: 'ACU-Hr',
      // As Infracost's rds_cluster_instance.go selects it (ServerlessV2, usagetype Aurora:ServerlessV2Usage).
      offer: ({ aurora }) => ({ offerCode: 'AmazonRDS', productFamily: 'ServerlessV2', usagetype: 'Aurora:ServerlessV2Usage', attributes: { databaseEngine: AURORA_ENGINES[aurora] ?? aurora }, unit: 'ACU-Hr' }),
    },
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
