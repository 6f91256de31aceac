import { cronProblem, runsPerMonth, timeZoneProblem } from '../../model/cron-schedule';
import { podRequests } from '../terraform/kubernetes-pods';
import { GroundworkError } from '../../model/errors';
import { isAfterApply } from '../terraform/plan-reader';
import { block, blocks, literal, ResourceRecord } from '../terraform/resource-index';
import { referencedAddresses } from '../terraform/resource-kinds';
import { AURORA_ENGINES } from './price-items';
import type { UsageFigures } from './usage';

/** 730 hours: the month AWS and Infracost price by. */
export const HOURS_PER_MONTH = 730;

/** One priced quantity: `quantity` units of the price table entry `item`. */
export interface Charge {
  readonly item: string;
  readonly quantity: number;
  readonly what: string;
}

export type PriceResult = { charges: Charge[] } | { notPriced: string };

export interface PricingContext {
  readonly usage: UsageFigures;
  readonly isDeadLetterQueue: boolean;
  /** The resources of one type in the priced resource's own configuration (stack): what its references can name. */
  readonly resourcesOfType: (type: string) => readonly ResourceRecord[];
}

type Pricer = (r: ResourceRecord, ctx: PricingContext) => PriceResult;

/** A priced quantity above this, from one attribute, is a mistake (or hostile input), not a plan. */
export const MAX_QUANTITY = 1_000_000;

/** Thrown by a pricer when an input is an expression: the resource is listed as not priced, with this reason. */
export class NotPricedError extends Error {}

/** Why a value cannot be priced: known only after apply (in a plan every other value is resolved), or an expression (configuration). */
const unknownReason = (r: ResourceRecord, what: string, value: unknown) =>
  r.planned || isAfterApply(value) ? `${what} known after apply` : `${what} is not a literal (${JSON.stringify(value)})`;

/**
 * A number argument of a resource: its fallback when absent, the number when literal; an
 * expression makes the resource not priced; a negative, non-finite or absurd number stops the
 * analysis with a sentence naming the stack, the address and the attribute.
 */
function quantity(r: ResourceRecord, attribute: string, value: unknown, fallback: number): number {
  if (value === undefined || value === null) return fallback;
  const text = literal(value);
  if (text === undefined) throw new NotPricedError(unknownReason(r, attribute, value));
  if (text === '') return fallback;
  const n = Number(text);
  if (!Number.isFinite(n) || n < 0 || n > MAX_QUANTITY) {
    throw new GroundworkError(`${r.stack}: ${r.address} sets ${attribute} to ${JSON.stringify(value)}, which is not a quantity Groundwork can price: it must be a number from 0 to ${MAX_QUANTITY}.`);
  }
  return n;
}
const flag = (value: unknown) => value === true || value === 'true';
const hours = (item: string, what: string, count = 1): Charge => ({ item, quantity: HOURS_PER_MONTH * count, what });
const unknown = (r: ResourceRecord, what: string, value: unknown): PriceResult => ({ notPriced: unknownReason(r, what, value) });

const rdsInstance: Pricer = (r) => {
  const engine = literal(r.body.engine);
  const instanceClass = literal(r.body.instance_class);
  if (!engine) return unknown(r, 'engine', r.body.engine);
  if (!instanceClass) return unknown(r, 'instance_class', r.body.instance_class);
  const az = flag(r.body.multi_az) ? 'multi-az' : 'single-az';
  const iops = quantity(r, 'iops', r.body.iops, 0);
  // AWS's own default: gp2, or io1 when IOPS are provisioned.
  const storageType = literal(r.body.storage_type) ?? (iops > 0 ? 'io1' : 'gp2');
  const charges: Charge[] = [
    hours(`rds.instance.${engine}.${instanceClass}.${az}`, `${instanceClass} ${engine} ${az === 'multi-az' ? 'Multi-AZ' : 'Single-AZ'}`),
    { item: `rds.storage.${storageType}.${az}`, quantity: quantity(r, 'allocated_storage', r.body.allocated_storage, 20), what: `${storageType} storage (GB)` },
  ];
  if (storageType === 'io1' && iops > 0) charges.push({ item: `rds.iops.io1.${az}`, quantity: iops, what: 'provisioned IOPS' });
  if (flag(r.body.manage_master_user_password)) charges.push({ item: 'secretsmanager.secret', quantity: 1, what: 'master password secret kept by RDS' });
  return { charges };
};

const auroraInstance: Pricer = (r) => {
  const engine = literal(r.body.engine) ?? 'aurora-postgresql';
  const instanceClass = literal(r.body.instance_class);
  if (!instanceClass) return unknown(r, 'instance_class', r.body.instance_class);
  return { charges: [hours(`rds.instance.${engine}.${instanceClass}`, `${instanceClass} ${engine}`)] };
};

const auroraCluster: Pricer = (r, { usage }) => {
  const engine = literal(r.body.engine) ?? 'aurora-postgresql';
  if (!AURORA_ENGINES[engine]) return { notPriced: `engine ${JSON.stringify(engine)} is not an Aurora engine Groundwork prices (${Object.keys(AURORA_ENGINES).join(', ')})` };
  const charges: Charge[] = [
    { item: `rds.${engine}.storage`, quantity: usage.auroraStorageGb, what: 'Aurora storage (GB, usage file)' },
    { item: `rds.${engine}.io`, quantity: usage.auroraIoMillions, what: 'Aurora I/O (millions, usage file)' },
  ];
  if (flag(r.body.manage_master_user_password)) charges.push({ item: 'secretsmanager.secret', quantity: 1, what: 'master password secret kept by RDS' });
  return { charges };
};

const ec2Instance: Pricer = (r) => {
  const type = literal(r.body.instance_type);
  if (!type) return unknown(r, 'instance_type', r.body.instance_type);
  const root = block(r.body.root_block_device) ?? {};
  // With no root_block_device the AMI decides; 8 GB gp2 is the Amazon Linux default.
  const volumeType = literal(root.volume_type) ?? 'gp2';
  return {
    charges: [hours(`ec2.instance.${type}`, `${type} Linux on-demand`), { item: `ebs.${volumeType}.storage`, quantity: quantity(r, 'root_block_device.volume_size', root.volume_size, 8), what: `root volume ${volumeType} (GB)` }],
  };
};

const ebsVolume: Pricer = (r) => {
  const type = literal(r.body.type) ?? 'gp3';
  const charges: Charge[] = [{ item: `ebs.${type}.storage`, quantity: quantity(r, 'size', r.body.size, 0), what: `${type} volume (GB)` }];
  if ((type === 'io1' || type === 'io2') && quantity(r, 'iops', r.body.iops, 0) > 0) charges.push({ item: 'ebs.io1.iops', quantity: quantity(r, 'iops', r.body.iops, 0), what: 'provisioned IOPS' });
  return { charges };
};

const elasticacheNodes = (nodeType: unknown, count: number, r: ResourceRecord): PriceResult => {
  const type = literal(nodeType);
  if (!type) return unknown(r, 'node_type', r.body.node_type);
  return { charges: [hours(`elasticache.${type}`, `${count} × ${type} node`, count)] };
};

const loadBalancer: Pricer = (r, { usage }) => {
  const type = literal(r.body.load_balancer_type) ?? 'application';
  if (type !== 'application' && type !== 'network') return { notPriced: `load balancer type ${type}` };
  const unit = type === 'application' ? 'lcu' : 'nlcu';
  return {
    charges: [
      hours(`elb.${type}.hour`, `${type} load balancer`),
      { item: `elb.${type}.${unit}`, quantity: usage.loadBalancerCapacityUnits * HOURS_PER_MONTH, what: `${unit.toUpperCase()}-hours (usage file)` },
    ],
  };
};

const logGroup: Pricer = (r, { usage }) => {
  // Steady state: a month of ingest is kept for the retention period (a year when it never expires).
  const retentionMonths = Math.min(quantity(r, 'retention_in_days', r.body.retention_in_days, 365), 3653) / (365 / 12);
  return {
    charges: [
      { item: 'logs.ingest.gb', quantity: usage.logIngestedGb, what: 'GB ingested (usage file)' },
      { item: 'logs.storage.gb', quantity: Math.round(usage.logIngestedGb * retentionMonths * 100) / 100, what: 'GB stored at steady state' },
    ],
  };
};

/** Requests per container summed over replicas: what the pods reserve on the nodes. */
const kubernetesWorkload: Pricer = (r) => {
  const requests = podRequests(r);
  if (typeof requests === 'string') return { notPriced: requests };
  const { cpu, memory } = requests;
  const replicas = quantity(r, 'spec.replicas', block(r.body.spec)?.replicas, 1);
  return {
    charges: [
      { item: 'kubernetes.vcpu.hour', quantity: replicas * cpu * HOURS_PER_MONTH, what: `${replicas} × ${cpu} vCPU requested` },
      { item: 'kubernetes.gib.hour', quantity: replicas * memory * HOURS_PER_MONTH, what: `${replicas} × ${memory} GiB requested` },
    ],
  };
};

/** Each run reserves the job's requests for its run time: runs per month (from the schedule) × minutes per run. */
const kubernetesCronJob: Pricer = (r, { usage }) => {
  const schedule = literal(block(r.body.spec)?.schedule);
  if (!schedule || cronProblem(schedule)) return { notPriced: `schedule ${JSON.stringify(block(r.body.spec)?.schedule)} is not a literal cron schedule` };
  const requests = podRequests(r);
  if (typeof requests === 'string') return { notPriced: requests };
  const { cpu, memory } = requests;
  const timeZone = literal(block(r.body.spec)?.timezone) ?? 'UTC';
  if (timeZoneProblem(timeZone)) return { notPriced: `time zone ${JSON.stringify(timeZone)} ${timeZoneProblem(timeZone)}` };
  const runs = runsPerMonth(schedule, timeZone);
  const hoursRun = Math.round(((runs * usage.jobRunMinutes) / 60) * 100) / 100;
  return {
    charges: [
      { item: 'kubernetes.vcpu.hour', quantity: hoursRun * cpu, what: `${runs} runs × ${usage.jobRunMinutes} min × ${cpu} vCPU` },
      { item: 'kubernetes.gib.hour', quantity: hoursRun * memory, what: `${runs} runs × ${usage.jobRunMinutes} min × ${memory} GiB` },
    ],
  };
};

/**
 * A customer managed key, plus its rotated versions: each rotation (every `rotation_period_in_days`,
 * 365 by default) keeps a billed key version, the first two only; the key's age comes from the usage file.
 */
const kmsKey: Pricer = (r, { usage }) => {
  const charges: Charge[] = [{ item: 'kms.key', quantity: 1, what: 'customer managed key' }];
  if (flag(r.body.enable_key_rotation)) {
    const period = quantity(r, 'rotation_period_in_days', r.body.rotation_period_in_days, 365);
    const versions = Math.min(2, Math.floor((usage.kmsKeyAgeYears * 365) / Math.max(period, 90)));
    if (versions > 0) charges.push({ item: 'kms.key.rotation', quantity: versions, what: `${versions} rotated key version${versions > 1 ? 's' : ''} (key ${usage.kmsKeyAgeYears} year${usage.kmsKeyAgeYears === 1 ? '' : 's'} old, usage file)` });
  }
  return { charges };
};

/** ClusterIP and NodePort services are free; a LoadBalancer service buys a load balancer we cannot see. */
function kubernetesService(r: ResourceRecord): PriceResult {
  const type = literal(block(r.body.spec)?.type) ?? 'ClusterIP';
  return type === 'LoadBalancer' ? { notPriced: 'type LoadBalancer: the cloud load balancer it creates is not in the Terraform' } : { charges: [] };
}

/**
 * Standard storage from the usage file (One Zone when the file system names its zone). Provisioned
 * and Elastic throughput are billed beyond storage, for want of a price item: not priced, said so.
 */
const efsFileSystem: Pricer = (r, { usage }) => {
  const mode = r.body.throughput_mode === undefined || r.body.throughput_mode === null ? 'bursting' : literal(r.body.throughput_mode);
  if (mode === undefined) return unknown(r, 'throughput_mode', r.body.throughput_mode);
  if (mode !== 'bursting') return { notPriced: `throughput_mode ${JSON.stringify(r.body.throughput_mode)}: only bursting throughput (included with storage) is priced` };
  const oneZone = ![undefined, null, ''].includes(r.body.availability_zone_name as never);
  return { charges: [{ item: oneZone ? 'efs.one-zone.storage' : 'efs.standard.storage', quantity: usage.efsStorageGb, what: `GB stored, ${oneZone ? 'One Zone' : 'Standard'} (usage file)` }] };
};

/**
 * Standard queries from the usage file. Alias records to AWS resources answer for free; latency,
 * geolocation and geoproximity routing are billed at other rates, not priced here.
 */
const route53Record: Pricer = (r, { usage }) => {
  if (block(r.body.alias)) return { charges: [] };
  const routing = ['latency_routing_policy', 'geolocation_routing_policy', 'geoproximity_routing_policy'].find((a) => block(r.body[a]));
  if (routing) return { notPriced: `${routing}: only standard queries are priced` };
  return { charges: [{ item: 'route53.queries.million', quantity: usage.route53QueriesMillions, what: 'million standard queries (usage file)' }] };
};

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

/**
 * An autoscaling group: desired capacity (else min_size) × the instance of its launch template or
 * launch configuration. A mixed instances policy is priced only when simple: one template, no
 * instance type overrides, all on-demand.
 */
const autoscalingGroup: Pricer = (r, context) => {
  const desired = r.body.desired_capacity;
  const count = desired !== undefined && desired !== null ? quantity(r, 'desired_capacity', desired, 0) : quantity(r, 'min_size', r.body.min_size, 0);
  let spec = block(r.body.launch_template);
  const mixed = block(r.body.mixed_instances_policy);
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
  if (r.body.launch_configuration !== undefined) {
    const source = launchSource({ name: r.body.launch_configuration }, 'aws_launch_configuration', context);
    return typeof source === 'string' ? { notPriced: source } : launchedInstances(source, count);
  }
  return { notPriced: 'no launch template or launch configuration' };
};

/** CloudWatch bills an alarm per metric it evaluates: a metric math alarm over three metrics is three alarm metrics. */
const metricAlarm: Pricer = (r) => {
  const queries = blocks(r.body.metric_query);
  const metrics = Math.max(1, queries.filter((q) => q.metric !== undefined).length);
  return { charges: [{ item: 'cloudwatch.alarm', quantity: metrics, what: metrics > 1 ? `metric alarm over ${metrics} metrics` : 'metric alarm' }] };
};

/** A web ACL per month, each rule (a managed rule group counts as one) per month, and the requests it inspects. */
const webAcl: Pricer = (r, { usage }) => {
  const rules = blocks(r.body.rule).length;
  return {
    charges: [
      { item: 'waf.webacl', quantity: 1, what: 'web ACL' },
      { item: 'waf.rule', quantity: rules, what: `${rules} rules and rule groups` },
      { item: 'waf.requests.million', quantity: usage.wafRequestsMillions, what: 'million requests (usage file)' },
    ],
  };
};

/** An interface endpoint is billed per hour in each subnet (zone) it has a network interface in, and per GB it processes; a gateway endpoint (S3, DynamoDB) is free. */
const vpcEndpoint: Pricer = (r, { usage }) => {
  const type = literal(r.body.vpc_endpoint_type) ?? 'Gateway';
  if (type === 'Gateway') return { charges: [] };
  if (type !== 'Interface') return { notPriced: `a ${type} VPC endpoint` };
  const subnets = r.body.subnet_ids;
  if (!Array.isArray(subnets)) return unknown(r, 'subnet_ids', subnets);
  return {
    charges: [
      hours('vpcendpoint.interface.hour', `interface endpoint in ${subnets.length} zones`, subnets.length),
      { item: 'vpcendpoint.interface.gb', quantity: usage.vpcEndpointProcessedGb, what: 'GB processed (usage file)' },
    ],
  };
};

/** Kinds that are configuration only when applied through kubernetes_manifest. */
const FREE_MANIFEST_KINDS = new Set(['TargetGroupBinding', 'NetworkPolicy', 'SecurityGroupPolicy']);
const kubernetesManifest: Pricer = (r) => {
  const kind = literal(block(r.body.manifest)?.kind);
  return kind && FREE_MANIFEST_KINDS.has(kind) ? { charges: [] } : { notPriced: `a kubernetes_manifest of kind ${kind ?? '(unknown)'}` };
};

/** How each priced resource type is priced. */
export const PRICERS: Readonly<Record<string, Pricer>> = {
  aws_db_instance: rdsInstance,
  aws_rds_cluster_instance: auroraInstance,
  aws_rds_cluster: auroraCluster,
  aws_instance: ec2Instance,
  aws_ebs_volume: ebsVolume,
  aws_nat_gateway: (_r, { usage }) => ({
    charges: [hours('natgateway.hour', 'NAT gateway'), { item: 'natgateway.gb', quantity: usage.natProcessedGb, what: 'GB processed (usage file)' }],
  }),
  aws_vpc_endpoint: vpcEndpoint,
  aws_eip: () => ({ charges: [hours('publicipv4.hour', 'public IPv4 address')] }),
  aws_lb: loadBalancer,
  aws_alb: loadBalancer,
  aws_eks_cluster: () => ({ charges: [hours('eks.cluster.hour', 'EKS control plane')] }),
  aws_elasticache_cluster: (r) => elasticacheNodes(r.body.node_type, quantity(r, 'num_cache_nodes', r.body.num_cache_nodes, 1), r),
  aws_elasticache_replication_group: (r) => {
    const groups = quantity(r, 'num_node_groups', r.body.num_node_groups, 0);
    const count = groups > 0 ? groups * (quantity(r, 'replicas_per_node_group', r.body.replicas_per_node_group, 0) + 1) : quantity(r, 'num_cache_clusters', r.body.num_cache_clusters, 1);
    return elasticacheNodes(r.body.node_type, count, r);
  },
  aws_secretsmanager_secret: (_r, { usage }) => ({
    charges: [
      { item: 'secretsmanager.secret', quantity: 1, what: 'secret' },
      { item: 'secretsmanager.api10k', quantity: usage.secretsApiCallsTenThousands, what: '10K API calls (usage file)' },
    ],
  }),
  aws_kms_key: kmsKey,
  aws_cloudwatch_log_group: logGroup,
  aws_s3_bucket: (_r, { usage }) => ({
    charges: [
      { item: 's3.standard.storage', quantity: usage.s3StorageGb, what: 'GB stored (usage file)' },
      { item: 's3.put.1k', quantity: usage.s3PutRequestsThousands, what: '1K PUT/LIST requests (usage file)' },
      { item: 's3.get.1k', quantity: usage.s3GetRequestsThousands, what: '1K GET requests (usage file)' },
    ],
  }),
  aws_sqs_queue: (r, { usage, isDeadLetterQueue }) => {
    const fifo = flag(r.body.fifo_queue);
    const requests = isDeadLetterQueue ? usage.deadLetterRequestsMillions : usage.sqsRequestsMillions;
    return { charges: [{ item: `sqs.${fifo ? 'fifo' : 'standard'}.million`, quantity: requests, what: `million requests (usage file${isDeadLetterQueue ? ', dead-letter queue' : ''})` }] };
  },
  kubernetes_deployment: kubernetesWorkload,
  kubernetes_deployment_v1: kubernetesWorkload,
  kubernetes_stateful_set: kubernetesWorkload,
  kubernetes_stateful_set_v1: kubernetesWorkload,
  kubernetes_service: kubernetesService,
  kubernetes_service_v1: kubernetesService,
  kubernetes_cron_job: kubernetesCronJob,
  kubernetes_cron_job_v1: kubernetesCronJob,
  aws_autoscaling_group: autoscalingGroup,
  aws_efs_file_system: efsFileSystem,
  aws_route53_zone: () => ({ charges: [{ item: 'route53.zone', quantity: 1, what: 'hosted zone' }] }),
  aws_route53_record: route53Record,
  aws_cloudwatch_metric_alarm: metricAlarm,
  aws_cloudwatch_composite_alarm: () => ({ charges: [{ item: 'cloudwatch.composite-alarm', quantity: 1, what: 'composite alarm' }] }),
  aws_wafv2_web_acl: webAcl,
  aws_acm_certificate: (r) => (r.body.certificate_authority_arn !== undefined ? { notPriced: 'a private CA certificate (billed by the private CA)' } : { charges: [] }),
  kubernetes_manifest: kubernetesManifest,
  aws_cloudwatch_dashboard: () => ({ charges: [{ item: 'cloudwatch.dashboard', quantity: 1, what: 'dashboard' }] }),
  aws_sns_topic: (_r, { usage }) => ({ charges: [{ item: 'sns.million', quantity: usage.snsRequestsMillions, what: 'million publishes (usage file)' }] }),
  aws_cloudfront_distribution: (_r, { usage }) => ({
    charges: [
      { item: 'cloudfront.transfer.gb', quantity: usage.cdnTransferGb, what: 'GB served (usage file)' },
      { item: 'cloudfront.requests.10k', quantity: usage.cdnRequestsTenThousands, what: '10K HTTPS requests (usage file)' },
    ],
  }),
};

/**
 * Types that cost nothing by themselves (configuration, permissions, networking plumbing): counted
 * as free, not as unpriced. Anything neither here nor in PRICERS is reported as not priced.
 */
export const FREE_TYPES: ReadonlySet<string> = new Set([
  'aws_vpc', 'aws_subnet', 'aws_route', 'aws_route_table', 'aws_route_table_association', 'aws_internet_gateway', 'aws_egress_only_internet_gateway',
  'aws_security_group', 'aws_security_group_rule', 'aws_vpc_security_group_ingress_rule', 'aws_vpc_security_group_egress_rule', 'aws_default_security_group',
  'aws_default_network_acl', 'aws_network_acl', 'aws_flow_log', 'aws_eip_association',
  'aws_iam_role', 'aws_iam_role_policy', 'aws_iam_role_policy_attachment', 'aws_iam_policy', 'aws_iam_openid_connect_provider', 'aws_iam_instance_profile',
  'aws_db_subnet_group', 'aws_db_parameter_group', 'aws_rds_cluster_parameter_group', 'aws_elasticache_subnet_group', 'aws_elasticache_parameter_group',
  'aws_s3_bucket_public_access_block', 'aws_s3_bucket_server_side_encryption_configuration', 'aws_s3_bucket_versioning', 'aws_s3_bucket_ownership_controls',
  'aws_s3_bucket_policy', 'aws_s3_bucket_lifecycle_configuration', 'aws_s3_bucket_logging', 'aws_s3_bucket_acl',
  'aws_sqs_queue_policy', 'aws_sqs_queue_redrive_policy', 'aws_sqs_queue_redrive_allow_policy', 'aws_sns_topic_policy', 'aws_sns_topic_subscription',
  'aws_kms_alias', 'aws_secretsmanager_secret_version', 'aws_acm_certificate_validation', 'aws_wafv2_web_acl_association', 'aws_lb_listener', 'aws_lb_target_group', 'aws_lb_target_group_attachment', 'aws_lb_listener_rule',
  'aws_launch_template', 'aws_launch_configuration', 'aws_autoscaling_policy', 'aws_autoscaling_attachment',
  'aws_cloudwatch_log_stream', 'aws_cloudwatch_log_metric_filter', 'aws_cloudfront_origin_access_control',
  'kubernetes_namespace', 'kubernetes_namespace_v1', 'kubernetes_service_account', 'kubernetes_service_account_v1', 'kubernetes_config_map', 'kubernetes_config_map_v1',
  'kubernetes_secret', 'kubernetes_secret_v1', 'kubernetes_horizontal_pod_autoscaler', 'kubernetes_horizontal_pod_autoscaler_v2', 'kubernetes_pod_disruption_budget_v1',
  'kubernetes_role', 'kubernetes_role_v1', 'kubernetes_role_binding', 'kubernetes_role_binding_v1', 'kubernetes_network_policy', 'kubernetes_network_policy_v1',
  'github_repository', 'github_branch_protection', 'github_repository_file', 'github_repository_dependabot_security_updates', 'github_team', 'github_team_repository', 'github_team_membership', 'github_branch_default',
  'github_repository_environment', 'github_repository_environment_deployment_policy',
]);
