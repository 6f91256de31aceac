import { block, blocks, literal, ResourceRecord } from '../../terraform/resource-index';
import { HOURS_PER_MONTH, NotPricedError, quantity, unknownReason } from '../pricing';
import { FARGATE_GB_HOUR, FARGATE_VCPU_HOUR } from '../fargate';
import { attributeReader, resourceType } from '../resource-type';
import { referencedResource } from '../referenced-resource';

const body = attributeReader('launch_type', 'capacity_provider_strategy', 'task_definition', 'desired_count');
const task = attributeReader('family', 'cpu', 'memory', 'runtime_platform', 'requires_compatibilities');

/** A task definition's literal family, or the family a `family:revision` or task-definition ARN names. */
const familyOf = (text: string) => text.replace(/^arn:[^:]+:ecs:[^:]*:[^:]*:task-definition\//, '').replace(/:\d+$/, '');

/**
 * Task-level CPU or memory: a number of CPU units or MiB ("1024"), or with its unit ("1 vCPU",
 * "2 GB"); returned in vCPU or GB.
 */
function taskSize(r: ResourceRecord, attribute: 'cpu' | 'memory', value: unknown): number {
  const text = literal(value);
  if (value === undefined || value === null) throw new NotPricedError(`${r.address} sets no task-level ${attribute} (Fargate requires it)`);
  if (text === undefined) throw new NotPricedError(`${r.address}: ${unknownReason(r, attribute, value)}`);
  const withUnit = /^\s*([\d.]+)\s*(vcpu|gb)\s*$/i.exec(text);
  if (withUnit) return quantity(r, attribute, withUnit[1], 0);
  return quantity(r, attribute, text, 0) / 1024;
}

const FARGATE = (arch: 'x86' | 'arm', unit: 'vCPU' | 'GB', usagetype: string) => ({
  key: unit === 'vCPU' ? FARGATE_VCPU_HOUR[arch] : FARGATE_GB_HOUR[arch],
  unit: unit === 'vCPU' ? 'vCPU-Hrs' : 'GB-Hrs',
  offer: () => ({ offerCode: 'AmazonECS', productFamily: 'Compute', usagetype, unit: 'hours' }),
});

export const awsEcsService = resourceType({
  type: 'aws_ecs_service',
  attributes: body.names,
  taggable: true,
  pricing: {
    /**
     * Fargate tasks: desired_count × the task definition's vCPU and GB, per hour, at the Linux rate of
     * its CPU architecture. On EC2 (the default launch type) the instances are priced as themselves.
     */
    pricer: (r, context) => {
      const a = body.read(r);
      const strategies = blocks(a.capacity_provider_strategy).map((s) => literal(s.capacity_provider));
      const launchType = a.launch_type === undefined || a.launch_type === null ? (strategies.length ? undefined : 'EC2') : literal(a.launch_type);
      if (launchType === undefined && !strategies.length) return { notPriced: unknownReason(r, 'launch_type', a.launch_type) };
      if (launchType === 'EC2' || launchType === 'EXTERNAL') return { charges: [] };
      if (launchType !== 'FARGATE' && !strategies.every((s) => s === 'FARGATE')) {
        return { notPriced: launchType ? `launch_type ${JSON.stringify(launchType)}: only FARGATE and EC2 are priced` : 'capacity_provider_strategy other than FARGATE alone (Spot or EC2 capacity providers) is decided at run time' };
      }
      const definition = referencedResource(a.task_definition, 'aws_ecs_task_definition', context, (c, text) => literal(task.read(c).family) === familyOf(text));
      if (typeof definition === 'string') return { notPriced: definition };
      const t = task.read(definition);
      const platform = block(t.runtime_platform) ?? {};
      const os = literal(platform.operating_system_family) ?? 'LINUX';
      if (os !== 'LINUX') return { notPriced: `${definition.address} runs ${os}: only Linux Fargate tasks are priced` };
      const cpuArchitecture = literal(platform.cpu_architecture) ?? 'X86_64';
      if (cpuArchitecture !== 'X86_64' && cpuArchitecture !== 'ARM64') return { notPriced: `${definition.address}: ${unknownReason(definition, 'runtime_platform.cpu_architecture', platform.cpu_architecture)}` };
      const arch = cpuArchitecture === 'ARM64' ? 'arm' : 'x86';
      const vcpu = taskSize(definition, 'cpu', t.cpu);
      const gb = taskSize(definition, 'memory', t.memory);
      const tasks = quantity(r, 'desired_count', a.desired_count, 0);
      return {
        charges: [
          { item: FARGATE_VCPU_HOUR[arch], quantity: tasks * vcpu * HOURS_PER_MONTH, what: `${tasks} tasks × ${vcpu} vCPU (${definition.address})` },
          { item: FARGATE_GB_HOUR[arch], quantity: tasks * gb * HOURS_PER_MONTH, what: `${tasks} tasks × ${gb} GB (${definition.address})` },
        ],
      };
    },
  },
  // As Infracost's ecs_service.go selects them (AmazonECS, usagetypes Fargate-vCPU-Hours:perCPU and Fargate-GB-Hours).
  priceItems: [
    FARGATE('x86', 'vCPU', 'Fargate-vCPU-Hours:perCPU'),
    FARGATE('x86', 'GB', 'Fargate-GB-Hours'),
    FARGATE('arm', 'vCPU', 'Fargate-ARM-vCPU-Hours:perCPU'),
    FARGATE('arm', 'GB', 'Fargate-ARM-GB-Hours'),
  ],
});
