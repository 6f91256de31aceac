import { literal } from '../../terraform/resource-index';
import { hours, notLiteral } from '../pricing';
import { attributeReader, resourceType } from '../resource-type';

const body = attributeReader('instance_class');

export const awsDocdbClusterInstance = resourceType({
  type: 'aws_docdb_cluster_instance',
  attributes: body.names,
  taggable: true,
  pricing: {
    /** Instance hours; the cluster's storage and I/O are priced on the cluster (aws_docdb_cluster). */
    pricer: (r) => {
      const instanceClass = literal(body.read(r).instance_class);
      if (!instanceClass) return notLiteral(r, 'instance_class', body.read(r).instance_class);
      return { charges: [hours(`docdb.instance.${instanceClass}`, `${instanceClass} DocumentDB instance`)] };
    },
  },
  // As Infracost's docdb_cluster_instance.go selects it (AmazonDocDB, Database Instance, instanceType).
  priceItems: [
    { key: 'docdb.instance.{class}', unit: 'Hrs', offer: ({ class: instanceClass }) => ({ offerCode: 'AmazonDocDB', productFamily: 'Database Instance', usagetype: `InstanceUsage:${instanceClass}`, attributes: { instanceType: instanceClass }, unit: 'Hrs' }) },
  ],
});
