/** The instances a launch template (or launch configuration) starts, for autoscaling groups and EKS node groups. */
import { block, Body, literal, ResourceRecord } from '../terraform/resource-index';
import { Charge, hours, PricingContext, PriceResult, quantity, unknownReason } from './pricing';
import { referencedResource } from './referenced-resource';

/** The launch template (or configuration) a block names by id or name; a reason when it is not a resource of this configuration. */
export function launchSource(spec: Body, type: string, context: PricingContext): ResourceRecord | string {
  const given = spec.id ?? spec.name ?? spec.launch_template_id ?? spec.launch_template_name;
  if (given === undefined) return `${type.replace(/^aws_/, '').replace(/_/g, ' ')} names neither an id nor a name`;
  return referencedResource(given, type, context, (c, text) => literal(c.body.name) === text);
}

/**
 * `count` instances started from a template: instance hours (its instance_type, unless the caller
 * sets one, as a node group's instance_types does), plus the EBS volumes it gives a size.
 */
export function launchedInstances(source: ResourceRecord, count: number, instanceType?: string): PriceResult {
  const type = instanceType ?? literal(source.body.instance_type);
  if (!instanceType && (source.body.instance_type === undefined || source.body.instance_type === null)) return { notPriced: `${source.address} sets no instance_type` };
  if (!type) return { notPriced: `${source.address}: ${unknownReason(source, 'instance_type', source.body.instance_type)}` };
  const charges: Charge[] = [hours(`ec2.instance.${type}`, `${count} × ${type} Linux on-demand (${source.address})`, count)];
  const volumes: Array<{ device: string; ebs: Body }> =
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
