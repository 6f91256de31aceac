/**
 * Every price item the estimator uses, declared once: the key pattern pricers emit, the unit the
 * price table must carry, the AWS Price List product it comes from (matched exactly by the
 * importer) and the monthly free tier per account, where AWS gives one.
 */

/** Engines priced per instance class; the key segment is the Terraform `engine` value. */
export const RDS_ENGINES: Readonly<Record<string, string>> = {
  postgres: 'PostgreSQL',
  mysql: 'MySQL',
  mariadb: 'MariaDB',
};
export const AURORA_ENGINES: Readonly<Record<string, string>> = {
  'aurora-postgresql': 'Aurora PostgreSQL',
  'aurora-mysql': 'Aurora MySQL',
};
const AZ: Readonly<Record<string, string>> = { 'single-az': 'Single-AZ', 'multi-az': 'Multi-AZ' };
/** RDS usage types shorten the size (EU-InstanceUsage:db.m5.xl, EU-Multi-AZUsage:db.t3.2xl); instanceType keeps it whole. */
export const rdsUsageClass = (instanceClass: string) => instanceClass.replace(/(\d*)xlarge$/, '$1xl');
/** Storage and IOPS are priced per engine and again for the engine "Any", at the same price: the keys name no engine, so "Any". */
const ANY_ENGINE = { databaseEngine: 'Any' };

/** What identifies one product in an AWS offer file; every field must match exactly. */
export interface OfferSpec {
  readonly offerCode: string;
  readonly productFamily: string;
  /** Without its region prefix ("EU-", "USE1-", ...): the importer adds the region's. */
  readonly usagetype: string;
  /** Further attributes that must be equal (operation, engine, deployment option, ...). */
  readonly attributes?: Readonly<Record<string, string>>;
  /** The unit of the on-demand price dimension. */
  readonly unit: string;
  /** Power of ten the per-unit price is multiplied by (per request -> per million: 6). */
  readonly scale?: number;
  /** CloudFront: priced per edge location group, not per region; the group's usagetype prefix. */
  readonly edgePrefix?: Readonly<Record<string, string>>;
  /** Route 53: one global product for every region; its usagetype has no region prefix and its region is not compared. */
  readonly global?: boolean;
}

export interface FreeTier {
  /** Items sharing one allowance (SQS standard and FIFO requests), in the order it is applied. */
  readonly pool: string;
  readonly perMonth: number;
  readonly reference: string;
}

export interface PriceItem {
  /** Key pattern with named parts, e.g. rds.instance.{engine}.{class}.{az}. */
  readonly key: string;
  readonly unit: string;
  readonly offer: (parts: Readonly<Record<string, string>>) => OfferSpec;
  readonly freeTier?: FreeTier;
}

const FREE_TIER_PAGE = 'AWS Free Tier, always-free offers (https://aws.amazon.com/free/), as published 2025';
const ec2 = { offerCode: 'AmazonEC2' };

export const PRICE_ITEMS: readonly PriceItem[] = [
  {
    key: 'ec2.instance.{type}',
    unit: 'Hrs',
    offer: ({ type }) => ({
      ...ec2,
      productFamily: 'Compute Instance',
      usagetype: `BoxUsage:${type}`,
      attributes: { instanceType: type, operatingSystem: 'Linux', tenancy: 'Shared', preInstalledSw: 'NA', capacitystatus: 'Used', licenseModel: 'No License required', operation: 'RunInstances' },
      unit: 'Hrs',
    }),
  },
  {
    key: 'ebs.{volume}.storage',
    unit: 'GB-Mo',
    offer: ({ volume }) => ({
      ...ec2,
      productFamily: 'Storage',
      usagetype: { gp2: 'EBS:VolumeUsage.gp2', gp3: 'EBS:VolumeUsage.gp3', io1: 'EBS:VolumeUsage.piops', io2: 'EBS:VolumeUsage.io2', st1: 'EBS:VolumeUsage.st1', sc1: 'EBS:VolumeUsage.sc1', standard: 'EBS:VolumeUsage' }[volume] ?? `EBS:VolumeUsage.${volume}`,
      attributes: { volumeApiName: volume },
      unit: 'GB-Mo',
    }),
  },
  { key: 'ebs.io1.iops', unit: 'IOPS-Mo', offer: () => ({ ...ec2, productFamily: 'System Operation', usagetype: 'EBS:VolumeP-IOPS.piops', attributes: { volumeApiName: 'io1' }, unit: 'IOPS-Mo' }) },
  { key: 'natgateway.hour', unit: 'Hrs', offer: () => ({ ...ec2, productFamily: 'NAT Gateway', usagetype: 'NatGateway-Hours', attributes: { operation: 'NatGateway' }, unit: 'Hrs' }) },
  { key: 'natgateway.gb', unit: 'GB', offer: () => ({ ...ec2, productFamily: 'NAT Gateway', usagetype: 'NatGateway-Bytes', attributes: { operation: 'NatGateway' }, unit: 'GB' }) },
  { key: 'vpcendpoint.interface.hour', unit: 'Hrs', offer: () => ({ offerCode: 'AmazonVPC', productFamily: 'VpcEndpoint', usagetype: 'VpcEndpoint-Hours', unit: 'Hrs' }) },
  // The first tier (the first PB a month, per region); PrivateLink's lower tiers start above it.
  { key: 'vpcendpoint.interface.gb', unit: 'GB', offer: () => ({ offerCode: 'AmazonVPC', productFamily: 'VpcEndpoint', usagetype: 'VpcEndpoint-Bytes', unit: 'GB' }) },
  { key: 'publicipv4.hour', unit: 'Hrs', offer: () => ({ offerCode: 'AmazonVPC', productFamily: 'VpcPublicIPv4Address', usagetype: 'PublicIPv4:InUseAddress', unit: 'Hrs' }) },
  ...(['application', 'network'] as const).flatMap((type): PriceItem[] => {
    const family = type === 'application' ? 'Load Balancer-Application' : 'Load Balancer-Network';
    const operation = type === 'application' ? 'LoadBalancing:Application' : 'LoadBalancing:Network';
    return [
      { key: `elb.${type}.hour`, unit: 'Hrs', offer: () => ({ offerCode: 'AWSELB', productFamily: family, usagetype: 'LoadBalancerUsage', attributes: { operation }, unit: 'Hrs' }) },
      { key: `elb.${type}.${type === 'application' ? 'lcu' : 'nlcu'}`, unit: 'LCU-Hrs', offer: () => ({ offerCode: 'AWSELB', productFamily: family, usagetype: 'LCUUsage', attributes: { operation }, unit: 'LCU-Hrs' }) },
    ];
  }),
  { key: 'eks.cluster.hour', unit: 'Hrs', offer: () => ({ offerCode: 'AmazonEKS', productFamily: 'Compute', usagetype: 'AmazonEKS-Hours:perCluster', unit: 'Hrs' }) },
  {
    key: 'rds.instance.{engine}.{class}.{az}',
    unit: 'Hrs',
    offer: ({ engine, class: instanceClass, az }) => ({
      offerCode: 'AmazonRDS',
      productFamily: 'Database Instance',
      usagetype: `${az === 'multi-az' ? 'Multi-AZUsage' : 'InstanceUsage'}:${rdsUsageClass(instanceClass)}`,
      attributes: { instanceType: instanceClass, databaseEngine: RDS_ENGINES[engine] ?? engine, deploymentOption: AZ[az] ?? az, licenseModel: 'No license required' },
      unit: 'Hrs',
    }),
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
  {
    key: 'rds.storage.{volume}.{az}',
    unit: 'GB-Mo',
    offer: ({ volume, az }) => {
      const kind = { gp2: 'GP2', gp3: 'GP3', io1: 'PIOPS' }[volume] ?? volume.toUpperCase();
      return { offerCode: 'AmazonRDS', productFamily: 'Database Storage', usagetype: `RDS:${az === 'multi-az' ? 'Multi-AZ-' : ''}${kind}-Storage`, attributes: { ...ANY_ENGINE, deploymentOption: AZ[az] ?? az }, unit: 'GB-Mo' };
    },
  },
  {
    key: 'rds.iops.io1.{az}',
    unit: 'IOPS-Mo',
    offer: ({ az }) => ({ offerCode: 'AmazonRDS', productFamily: 'Provisioned IOPS', usagetype: `RDS:${az === 'multi-az' ? 'Multi-AZ-' : ''}PIOPS`, attributes: { ...ANY_ENGINE, deploymentOption: AZ[az] ?? az }, unit: 'IOPS-Mo' }),
  },
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
  {
    key: 'elasticache.{type}',
    unit: 'Hrs',
    offer: ({ type }) => ({ offerCode: 'AmazonElastiCache', productFamily: 'Cache Instance', usagetype: `NodeUsage:${type}`, attributes: { instanceType: type, cacheEngine: 'Redis' }, unit: 'Hrs' }),
  },
  { key: 'secretsmanager.secret', unit: 'Secret-Mo', offer: () => ({ offerCode: 'AWSSecretsManager', productFamily: 'Secret', usagetype: 'AWSSecretsManager-Secrets', unit: 'Secret-Mo' }) },
  { key: 'secretsmanager.api10k', unit: '10K API calls', offer: () => ({ offerCode: 'AWSSecretsManager', productFamily: 'API Request', usagetype: 'AWSSecretsManager-APIRequest', unit: 'API Requests', scale: 4 }) },
  { key: 'kms.key', unit: 'Key-Mo', offer: () => ({ offerCode: 'awskms', productFamily: 'Encryption Key', usagetype: 'KMS-Keys', unit: 'Keys' }) },
  // A rotated key version is billed like a key (the first and second rotation; later ones are free).
  { key: 'kms.key.rotation', unit: 'Key-Mo', offer: () => ({ offerCode: 'awskms', productFamily: 'Encryption Key', usagetype: 'KMS-Keys', unit: 'Keys' }) },
  {
    key: 'logs.ingest.gb',
    unit: 'GB',
    offer: () => ({ offerCode: 'AmazonCloudWatch', productFamily: 'Data Payload', usagetype: 'DataProcessing-Bytes', attributes: { group: 'Ingested Logs' }, unit: 'GB' }),
    freeTier: { pool: 'logs.ingest.gb', perMonth: 5, reference: `${FREE_TIER_PAGE}: CloudWatch, 5 GB of log data ingestion per month` },
  },
  { key: 'logs.storage.gb', unit: 'GB-Mo', offer: () => ({ offerCode: 'AmazonCloudWatch', productFamily: 'Storage Snapshot', usagetype: 'TimedStorage-ByteHrs', unit: 'GB-Mo' }) },
  {
    key: 'cloudwatch.alarm',
    unit: 'Alarm-Mo',
    offer: () => ({ offerCode: 'AmazonCloudWatch', productFamily: 'Alarm', usagetype: 'CW:AlarmMonitorUsage', unit: 'Alarms' }),
    freeTier: { pool: 'cloudwatch.alarm', perMonth: 10, reference: `${FREE_TIER_PAGE}: CloudWatch, 10 standard-resolution alarm metrics per month` },
  },
  {
    key: 'cloudwatch.dashboard',
    unit: 'Dashboard-Mo',
    offer: () => ({ offerCode: 'AmazonCloudWatch', productFamily: 'Dashboard', usagetype: 'DashboardsUsageHour', unit: 'Dashboards' }),
    freeTier: { pool: 'cloudwatch.dashboard', perMonth: 3, reference: `${FREE_TIER_PAGE}: CloudWatch, 3 dashboards of up to 50 metrics per month` },
  },
  {
    key: 's3.standard.storage',
    unit: 'GB-Mo',
    offer: () => ({ offerCode: 'AmazonS3', productFamily: 'Storage', usagetype: 'TimedStorage-ByteHrs', attributes: { volumeType: 'Standard', storageClass: 'General Purpose' }, unit: 'GB-Mo' }),
  },
  { key: 's3.put.1k', unit: '1K requests', offer: () => ({ offerCode: 'AmazonS3', productFamily: 'API Request', usagetype: 'Requests-Tier1', attributes: { group: 'S3-API-Tier1' }, unit: 'Requests', scale: 3 }) },
  { key: 's3.get.1k', unit: '1K requests', offer: () => ({ offerCode: 'AmazonS3', productFamily: 'API Request', usagetype: 'Requests-Tier2', attributes: { group: 'S3-API-Tier2' }, unit: 'Requests', scale: 3 }) },
  {
    key: 'sqs.standard.million',
    unit: '1M requests',
    offer: () => ({ offerCode: 'AWSQueueService', productFamily: 'API Request', usagetype: 'Requests-Tier1', attributes: { queueType: 'Standard' }, unit: 'Requests', scale: 6 }),
    freeTier: { pool: 'sqs.million', perMonth: 1, reference: `${FREE_TIER_PAGE}: SQS, 1 million requests per month (standard and FIFO together)` },
  },
  {
    key: 'sqs.fifo.million',
    unit: '1M requests',
    offer: () => ({ offerCode: 'AWSQueueService', productFamily: 'API Request', usagetype: 'Requests-FIFO-Tier1', attributes: { queueType: 'FIFO (first-in, first-out)' }, unit: 'Requests', scale: 6 }),
    freeTier: { pool: 'sqs.million', perMonth: 1, reference: `${FREE_TIER_PAGE}: SQS, 1 million requests per month (standard and FIFO together)` },
  },
  {
    key: 'sns.million',
    unit: '1M requests',
    offer: () => ({ offerCode: 'AmazonSNS', productFamily: 'API Request', usagetype: 'Requests-Tier1', unit: 'Requests', scale: 6 }),
    freeTier: { pool: 'sns.million', perMonth: 1, reference: `${FREE_TIER_PAGE}: SNS, 1 million publishes per month` },
  },
  {
    key: 'cloudfront.transfer.gb',
    unit: 'GB',
    offer: () => ({ offerCode: 'AmazonCloudFront', productFamily: 'Data Transfer', usagetype: 'DataTransfer-Out-Bytes', edgePrefix: { 'us-east-1': 'US-', 'eu-west-1': 'EU-' }, unit: 'GB' }),
  },
  {
    key: 'cloudfront.requests.10k',
    unit: '10K requests',
    offer: () => ({ offerCode: 'AmazonCloudFront', productFamily: 'Request', usagetype: 'Requests-Tier2-HTTPS', edgePrefix: { 'us-east-1': 'US-', 'eu-west-1': 'EU-' }, unit: 'Requests', scale: 4 }),
  },
  // EFS and Route 53 products as Infracost's price filters select them (internal/resources/aws/efs_file_system.go:
  // AmazonEFS "Storage", usagetype "<prefix>-TimedStorage-ByteHrs" or "-TimedStorage-Z-ByteHrs" for One Zone;
  // route53_zone.go and route53_record.go: AmazonRoute53 "DNS Zone" "HostedZone" and "DNS Query" "DNS-Queries",
  // first tier). The offer units are not confirmed from a record: an import that matches nothing reports the key missing.
  { key: 'efs.standard.storage', unit: 'GB-Mo', offer: () => ({ offerCode: 'AmazonEFS', productFamily: 'Storage', usagetype: 'TimedStorage-ByteHrs', unit: 'GB-Mo' }) },
  { key: 'efs.one-zone.storage', unit: 'GB-Mo', offer: () => ({ offerCode: 'AmazonEFS', productFamily: 'Storage', usagetype: 'TimedStorage-Z-ByteHrs', unit: 'GB-Mo' }) },
  { key: 'route53.zone', unit: 'Zone-Mo', offer: () => ({ offerCode: 'AmazonRoute53', productFamily: 'DNS Zone', usagetype: 'HostedZone', global: true, unit: 'HostedZone' }) },
  { key: 'route53.queries.million', unit: '1M queries', offer: () => ({ offerCode: 'AmazonRoute53', productFamily: 'DNS Query', usagetype: 'DNS-Queries', global: true, unit: 'Queries', scale: 6 }) },
  // AWS WAF as Infracost's price filters select it (internal/resources/aws/wafv2_web_acl.go: awswaf "Web Application
  // Firewall", usagetypes WebACLV2, RuleV2 and RequestV2-Tier1); not confirmed from a record, as above.
  { key: 'waf.webacl', unit: 'WebACL-Mo', offer: () => ({ offerCode: 'awswaf', productFamily: 'Web Application Firewall', usagetype: 'WebACLV2', unit: 'WebACL' }) },
  { key: 'waf.rule', unit: 'Rule-Mo', offer: () => ({ offerCode: 'awswaf', productFamily: 'Web Application Firewall', usagetype: 'RuleV2', unit: 'Rule' }) },
  { key: 'waf.requests.million', unit: '1M requests', offer: () => ({ offerCode: 'awswaf', productFamily: 'Web Application Firewall', usagetype: 'RequestV2-Tier1', unit: 'Request', scale: 6 }) },
  { key: 'cloudwatch.composite-alarm', unit: 'Alarm-Mo', offer: () => ({ offerCode: 'AmazonCloudWatch', productFamily: 'Alarm', usagetype: 'CW:CompositeAlarmMonitorUsage', unit: 'Alarms' }) },
  { key: 'kubernetes.vcpu.hour', unit: 'vCPU-Hrs', offer: () => ({ offerCode: 'AmazonECS', productFamily: 'Compute', usagetype: 'Fargate-vCPU-Hours:perCPU', unit: 'hours' }) },
  { key: 'kubernetes.gib.hour', unit: 'GB-Hrs', offer: () => ({ offerCode: 'AmazonECS', productFamily: 'Compute', usagetype: 'Fargate-GB-Hours', unit: 'hours' }) },
];

interface CompiledItem {
  readonly item: PriceItem;
  readonly regex: RegExp;
  readonly names: readonly string[];
}

const PART: Readonly<Record<string, string>> = {
  engine: Object.keys(RDS_ENGINES).join('|'),
  aurora: Object.keys(AURORA_ENGINES).join('|'),
  az: 'single-az|multi-az',
  volume: '[a-z0-9]+',
  type: '[a-z0-9-]+\\.[a-z0-9-]+(?:\\.[a-z0-9-]+)?',
  class: 'db\\.[a-z0-9-]+\\.[a-z0-9-]+',
};

const COMPILED: readonly CompiledItem[] = PRICE_ITEMS.map((item) => {
  const names: string[] = [];
  const source = item.key
    .split(/(\{[a-z]+\})/)
    .map((piece) => {
      const name = /^\{([a-z]+)\}$/.exec(piece)?.[1];
      if (!name) return piece.replace(/\./g, '\\.');
      names.push(name);
      return `(${PART[name]})`;
    })
    .join('');
  return { item, regex: new RegExp(`^${source}$`), names };
});

/** The declared item a key belongs to, with its parts; undefined for a key nothing declares. */
export function priceItemOf(key: string): { item: PriceItem; parts: Record<string, string> } | undefined {
  for (const { item, regex, names } of COMPILED) {
    const match = regex.exec(key);
    if (match) return { item, parts: Object.fromEntries(names.map((n, i) => [n, match[i + 1]])) };
  }
  return undefined;
}

/** The offer product a key comes from. */
export function offerSpecOf(key: string): OfferSpec | undefined {
  const found = priceItemOf(key);
  return found ? found.item.offer(found.parts) : undefined;
}
