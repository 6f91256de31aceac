import { block, literal } from '../../terraform/resource-index';
import { launchedInstances, launchSource } from '../launch-templates';
import { quantity } from '../pricing';
import { attributeReader, resourceType } from '../resource-type';

const body = attributeReader('desired_capacity', 'min_size', 'launch_template', 'mixed_instances_policy', 'launch_configuration');

export const awsAutoscalingGroup = resourceType({
  type: 'aws_autoscaling_group',
  attributes: body.names,
  taggable: false,
  pricing: {
    /**
     * Desired capacity (else min_size) × the instance of its launch template or launch
     * configuration. A mixed instances policy is priced only when simple: one template, no
     * instance type overrides, all on-demand.
     */
    pricer: (r, context) => {
      const a = body.read(r);
      const desired = a.desired_capacity;
      const count = desired !== undefined && desired !== null ? quantity(r, 'desired_capacity', desired, 0) : quantity(r, 'min_size', a.min_size, 0);
      let spec = block(a.launch_template);
      const mixed = block(a.mixed_instances_policy);
      if (mixed) {
        const template = block(mixed.launch_template);
        const overrides = template?.override;
        const onDemand = block(mixed.instances_distribution)?.on_demand_percentage_above_base_capacity;
        if ((Array.isArray(overrides) ? overrides.length : overrides) || (onDemand !== undefined && onDemand !== null && literal(onDemand) !== '100')) {
          return { notPriced: 'mixed_instances_policy with instance type overrides or Spot capacity: the instance mix is decided at run time' };
        }
        spec = block(template?.launch_template_specification);
      }
      if (spec) {
        const source = launchSource(spec, 'aws_launch_template', context);
        return typeof source === 'string' ? { notPriced: source } : launchedInstances(source, count);
      }
      if (a.launch_configuration !== undefined) {
        const source = launchSource({ name: a.launch_configuration }, 'aws_launch_configuration', context);
        return typeof source === 'string' ? { notPriced: source } : launchedInstances(source, count);
      }
      return { notPriced: 'no launch template or launch configuration' };
    },
  },
});
