import { block, literal, ResourceRecord } from '../../terraform/resource-index';
import { referencedAddresses } from '../../terraform/resource-kinds';
import { Charge, hours, PricingContext, PriceResult, quantity, unknownReason } from '../pricing';
import { attributeReader, resourceType } from '../resource-type';

const body = attributeReader('desired_capacity', 'min_size', 'launch_template', 'mixed_instances_policy', 'launch_configuration');

/**
 * The launch template (or launch configuration) an autoscaling group starts its instances from: a
 * reference to its id or name (`${aws_launch_template.web.id}`), or its literal name; a reason when
 * it is not a resource of this configuration.
 */
function launchSource(spec: Record<string, unknown>, type: string, context: PricingContext): ResourceRecord | string {
  const given = spec.id ?? spec.name ?? spec.launch_template_id ?? spec.launch_template_name;
  const candidates = context.resourcesOfType(type);
  const address = referencedAddresses(given).find((a) => a.startsWith(`${type}.`));
  const found = address ? candidates.find((c) => c.address === address) : literal(given) !== undefined ? candidates.find((c) => literal(c.body.name) === literal(given)) : undefined;
  if (found) return found;
  const what = type.replace(/^aws_/, '').replace(/_/g, ' ');
  return given === undefined ? `${what} names neither an id nor a name` : `${what} ${JSON.stringify(given)} is not a resource of this configuration`;
}

/** The instances a launch template (or configuration) starts: instance hours, plus the EBS volumes it gives a size. */
function launchedInstances(source: ResourceRecord, count: number): PriceResult {
  const type = literal(source.body.instance_type);
  if (source.body.instance_type === undefined || source.body.instance_type === null) return { notPriced: `${source.address} sets no instance_type` };
  if (!type) return { notPriced: `${source.address}: ${unknownReason(source, 'instance_type', source.body.instance_type)}` };
  const charges: Charge[] = [hours(`ec2.instance.${type}`, `${count} × ${type} Linux on-demand (${source.address})`, count)];
  const volumes: Array<{ device: string; ebs: Record<string, unknown> }> =
    source.type === 'aws_launch_configuration'
      ? [block(source.body.root_block_device)].filter((b): b is NonNullable<typeof b> => Boolean(b)).map((ebs) => ({ device: 'root', ebs }))
      : (Array.isArray(source.body.block_device_mappings) ? source.body.block_device_mappings : [source.body.block_device_mappings])
          .map((m) => block(m))
          .filter((m): m is NonNullable<typeof m> => Boolean(m && block(m.ebs)))
          .map((m) => ({ device: literal(m.device_name) ?? 'volume', ebs: block(m.ebs)! }));
  for (const { device, ebs } of volumes) {
    // Without volume_size the AMI's snapshot decides the size: nothing to price from the Terraform.
    if (ebs.volume_size === undefined || ebs.volume_size === null) continue;
    const volumeType = literal(ebs.volume_type) ?? 'gp2';
    const size = quantity(source, `${device} volume_size`, ebs.volume_size, 0);
    charges.push({ item: `ebs.${volumeType}.storage`, quantity: size * count, what: `${count} × ${size} GB ${volumeType} (${device})` });
  }
  return { charges };
}

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
