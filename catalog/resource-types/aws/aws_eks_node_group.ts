import { block, literal } from '../../terraform/resource-index';
import { launchedInstances, launchSource } from '../launch-templates';
import { hours, quantity, unknownReason } from '../pricing';
import { attributeReader, resourceType } from '../resource-type';

const body = attributeReader('scaling_config', 'instance_types', 'capacity_type', 'disk_size', 'launch_template');

export const awsEksNodeGroup = resourceType({
  type: 'aws_eks_node_group',
  attributes: body.names,
  taggable: true,
  pricing: {
    /**
     * Desired size × the first of instance_types (t3.medium when none is given, as EKS does), or the
     * launch template's instance type; the node disk (disk_size, 20 GB gp2 by default) or the
     * template's volumes. Spot capacity is decided at run time.
     */
    pricer: (r, context) => {
      const a = body.read(r);
      const capacity = a.capacity_type === undefined || a.capacity_type === null ? 'ON_DEMAND' : literal(a.capacity_type);
      if (capacity !== 'ON_DEMAND') return { notPriced: capacity === undefined ? unknownReason(r, 'capacity_type', a.capacity_type) : `capacity_type ${JSON.stringify(capacity)}: only ON_DEMAND nodes are priced` };
      const scaling = block(a.scaling_config);
      if (!scaling) return { notPriced: 'no scaling_config block' };
      const nodes = quantity(r, 'scaling_config.desired_size', scaling.desired_size, 0);
      const types = a.instance_types;
      const listed = types === undefined || types === null ? undefined : Array.isArray(types) ? types.map(literal) : [undefined];
      if (listed && (!listed.length || listed.some((t) => t === undefined))) return { notPriced: unknownReason(r, 'instance_types', types) };
      const spec = block(a.launch_template);
      if (spec) {
        const source = launchSource(spec, 'aws_launch_template', context);
        return typeof source === 'string' ? { notPriced: source } : launchedInstances(source, nodes, listed?.[0]);
      }
      const type = listed?.[0] ?? 't3.medium';
      const disk = quantity(r, 'disk_size', a.disk_size, 20);
      return { charges: [hours(`ec2.instance.${type}`, `${nodes} × ${type} Linux on-demand`, nodes), { item: 'ebs.gp2.storage', quantity: nodes * disk, what: `${nodes} × ${disk} GB gp2 node disk` }] };
    },
  },
});
