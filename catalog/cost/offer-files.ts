import { GroundworkError } from '../../model/errors';
import type { PriceEntry } from './price-table';

/**
 * Reads AWS Price List offers (the public bulk offer files, or GetProducts items in the same
 * shape) and maps each on-demand price to a Groundwork price table key.
 */

type Json = Record<string, any>;

export interface OfferPrice {
  readonly region: string;
  readonly key: string;
  readonly entry: PriceEntry;
  readonly effectiveDate: string;
  readonly source: string;
}

/** Location names of older offers, which carry no regionCode. */
const LOCATIONS: Readonly<Record<string, string>> = {
  'US East (N. Virginia)': 'us-east-1',
  'US East (Ohio)': 'us-east-2',
  'US West (N. California)': 'us-west-1',
  'US West (Oregon)': 'us-west-2',
  'EU (Ireland)': 'eu-west-1',
  'Europe (Ireland)': 'eu-west-1',
  'EU (London)': 'eu-west-2',
  'Europe (London)': 'eu-west-2',
  'EU (Frankfurt)': 'eu-central-1',
  'Europe (Frankfurt)': 'eu-central-1',
  'Asia Pacific (Tokyo)': 'ap-northeast-1',
  'Asia Pacific (Singapore)': 'ap-southeast-1',
  'Asia Pacific (Sydney)': 'ap-southeast-2',
};

const RDS_ENGINES: Readonly<Record<string, string>> = {
  PostgreSQL: 'postgres',
  MySQL: 'mysql',
  MariaDB: 'mariadb',
  'Aurora PostgreSQL': 'aurora-postgresql',
  'Aurora MySQL': 'aurora-mysql',
};

const RDS_VOLUMES: Readonly<Record<string, string>> = { 'General Purpose': 'gp2', 'General Purpose-GP3': 'gp3', 'Provisioned IOPS': 'io1' };
const AZ: Readonly<Record<string, string>> = { 'Single-AZ': 'single-az', 'Multi-AZ': 'multi-az' };

/** A decimal string times 10^exponent, exactly (prices per request become prices per million). */
export function shiftDecimal(value: string, exponent: number): string {
  const [whole, fraction = ''] = value.split('.');
  const digits = `${whole}${fraction}`;
  const point = whole.length + exponent;
  const padded = point > digits.length ? digits.padEnd(point, '0') : point < 1 ? `${'0'.repeat(1 - point)}${digits}` : digits;
  const at = Math.max(point, 1);
  const intPart = padded.slice(0, at).replace(/^0+(?=\d)/, '');
  const fracPart = padded.slice(at).replace(/0+$/, '');
  return fracPart ? `${intPart}.${fracPart}` : intPart;
}

/** Trailing zeros off: "0.0960000000" -> "0.096". */
const tidy = (usd: string) => shiftDecimal(usd, 0);

interface Mapping {
  readonly key: string;
  /** Power of ten the per-unit price is multiplied by (per request -> per million: 6). */
  readonly scale?: number;
  readonly unit?: string;
}

/** The price table key of one product, or undefined when Groundwork does not use it. */
export function mapProduct(service: string, product: Json): Mapping | undefined {
  const a = (product.attributes ?? {}) as Record<string, string>;
  const family = product.productFamily as string | undefined;
  const usage = a.usagetype ?? '';
  switch (service) {
    case 'AmazonEC2':
      if (family === 'Compute Instance' && a.operatingSystem === 'Linux' && a.tenancy === 'Shared' && a.preInstalledSw === 'NA' && (a.capacitystatus ?? 'Used') === 'Used' && (a.licenseModel ?? 'No License required') === 'No License required') {
        return { key: `ec2.instance.${a.instanceType}` };
      }
      if (family === 'Storage' && a.volumeApiName) return { key: `ebs.${a.volumeApiName}.storage` };
      if (family === 'System Operation' && a.group === 'EBS IOPS' && a.volumeApiName === 'io1') return { key: 'ebs.io1.iops' };
      if (family === 'NAT Gateway' && usage.endsWith('NatGateway-Hours')) return { key: 'natgateway.hour' };
      if (family === 'NAT Gateway' && usage.endsWith('NatGateway-Bytes')) return { key: 'natgateway.gb' };
      return undefined;
    case 'AmazonVPC':
      return usage.endsWith('PublicIPv4:InUseAddress') ? { key: 'publicipv4.hour' } : undefined;
    case 'AWSELB': {
      const type = family === 'Load Balancer-Application' ? 'application' : family === 'Load Balancer-Network' ? 'network' : undefined;
      if (!type) return undefined;
      if (usage.endsWith('LoadBalancerUsage')) return { key: `elb.${type}.hour` };
      if (usage.endsWith('LCUUsage')) return { key: `elb.${type}.${type === 'application' ? 'lcu' : 'nlcu'}` };
      return undefined;
    }
    case 'AmazonEKS':
      return usage.endsWith('AmazonEKS-Hours:perCluster') ? { key: 'eks.cluster.hour' } : undefined;
    case 'AmazonRDS': {
      const engine = RDS_ENGINES[a.databaseEngine];
      const az = AZ[a.deploymentOption];
      if (family === 'Database Instance' && engine && az && a.instanceType) {
        if (engine.startsWith('aurora')) return az === 'single-az' ? { key: `rds.instance.${engine}.${a.instanceType}` } : undefined;
        return a.licenseModel === 'Bring your own license' ? undefined : { key: `rds.instance.${engine}.${a.instanceType}.${az}` };
      }
      if (family === 'Database Storage' && a.volumeType === 'General Purpose-Aurora') return { key: 'rds.aurora.storage' };
      if (family === 'Database Storage' && RDS_VOLUMES[a.volumeType] && az && (a.databaseEngine ?? 'Any') === 'Any') return { key: `rds.storage.${RDS_VOLUMES[a.volumeType]}.${az}` };
      if (family === 'Provisioned IOPS' && az && (a.databaseEngine ?? 'Any') === 'Any') return { key: `rds.iops.io1.${az}` };
      if (family === 'System Operation' && usage.endsWith('Aurora:StorageIOUsage')) return { key: 'rds.aurora.io', scale: 6, unit: '1M requests' };
      return undefined;
    }
    case 'AmazonElastiCache':
      return family === 'Cache Instance' && (a.cacheEngine === 'Redis' || a.cacheEngine === 'Redis OSS') && a.instanceType ? { key: `elasticache.${a.instanceType}` } : undefined;
    case 'AWSSecretsManager':
      if (usage.endsWith('AWSSecretsManager-Secrets')) return { key: 'secretsmanager.secret' };
      if (usage.endsWith('AWSSecretsManager-APIRequest')) return { key: 'secretsmanager.api10k', scale: 4, unit: '10K API calls' };
      return undefined;
    case 'awskms':
      return usage.endsWith('KMS-Keys') ? { key: 'kms.key' } : undefined;
    case 'AmazonCloudWatch':
      if (usage.endsWith('DataProcessing-Bytes') && a.group === 'Ingested Logs') return { key: 'logs.ingest.gb' };
      if (usage.endsWith('TimedStorage-ByteHrs')) return { key: 'logs.storage.gb' };
      return undefined;
    case 'AmazonS3':
      if (family === 'Storage' && a.volumeType === 'Standard') return { key: 's3.standard.storage' };
      if (family === 'API Request' && a.group === 'S3-API-Tier1') return { key: 's3.put.1k', scale: 3, unit: '1K requests' };
      if (family === 'API Request' && a.group === 'S3-API-Tier2') return { key: 's3.get.1k', scale: 3, unit: '1K requests' };
      return undefined;
    case 'AWSQueueService':
      if (a.queueType === 'Standard') return { key: 'sqs.standard.million', scale: 6, unit: '1M requests' };
      if (a.queueType === 'FIFO (first-in, first-out)') return { key: 'sqs.fifo.million', scale: 6, unit: '1M requests' };
      return undefined;
    case 'AmazonECS':
      if (usage.endsWith('Fargate-vCPU-Hours:perCPU')) return { key: 'kubernetes.vcpu.hour' };
      if (usage.endsWith('Fargate-GB-Hours')) return { key: 'kubernetes.gib.hour' };
      return undefined;
    default:
      return undefined;
  }
}

/**
 * The on-demand dimension to use: the first tier, or the first paid tier when the first is a
 * free tier (SQS's first million requests, S3's ...), so a price reflects real use.
 */
function onDemandDimension(terms: Json | undefined): { dimension: Json; effectiveDate: string } | undefined {
  const term = Object.values<Json>(terms ?? {})[0];
  if (!term) return undefined;
  const dimensions = Object.values<Json>(term.priceDimensions ?? {}).sort((a, b) => Number(a.beginRange ?? 0) - Number(b.beginRange ?? 0));
  const paid = dimensions.find((d) => Number(d.pricePerUnit?.USD ?? 0) > 0) ?? dimensions[0];
  return paid ? { dimension: paid, effectiveDate: String(term.effectiveDate ?? '').slice(0, 10) } : undefined;
}

/** Products with their on-demand terms, from a bulk offer file or GetProducts items. */
function productsOf(json: Json, shown: string): Array<{ service: string; product: Json; terms: Json | undefined; source: string }> {
  if (json.products && json.terms) {
    const service = json.offerCode as string;
    const source = `${service} offer ${json.version ?? '?'} (${json.publicationDate ?? 'undated'})`;
    return Object.values<Json>(json.products).map((product) => ({ service, product, terms: json.terms.OnDemand?.[product.sku], source }));
  }
  const items = Array.isArray(json.PriceList) ? json.PriceList.map((i: unknown) => (typeof i === 'string' ? JSON.parse(i) : i)) : json.product ? [json] : undefined;
  if (!items) throw new GroundworkError(`${shown} is not an AWS Price List offer: expected "products" and "terms" (bulk offer file) or "product" and "terms" (GetProducts).`);
  return items.map((item: Json) => ({
    service: item.serviceCode ?? item.product?.attributes?.servicecode,
    product: item.product,
    terms: item.terms?.OnDemand,
    source: `${item.serviceCode ?? 'AWS'} price list ${item.version ?? '?'} (${item.publicationDate ?? 'undated'})`,
  }));
}

/** Every on-demand price Groundwork uses in one offer document. */
export function readOfferPrices(json: unknown, shown: string): OfferPrice[] {
  if (!json || typeof json !== 'object') throw new GroundworkError(`${shown} is not a JSON object.`);
  const prices: OfferPrice[] = [];
  for (const { service, product, terms, source } of productsOf(json as Json, shown)) {
    const mapping = product && mapProduct(service, product);
    if (!mapping) continue;
    const a = product.attributes ?? {};
    const region = a.regionCode ?? LOCATIONS[a.location];
    const chosen = onDemandDimension(terms);
    const usd = chosen?.dimension.pricePerUnit?.USD;
    if (!region || !chosen || typeof usd !== 'string') continue;
    prices.push({
      region,
      key: mapping.key,
      entry: {
        usd: tidy(shiftDecimal(usd, mapping.scale ?? 0)),
        unit: mapping.unit ?? chosen.dimension.unit,
        ...(chosen.dimension.description ? { description: chosen.dimension.description } : {}),
        sku: product.sku,
      },
      effectiveDate: chosen.effectiveDate,
      source,
    });
  }
  return prices;
}
