/**
 * AWS console links, built only from a region the partitions list names: the region picks the
 * partition (aws, aws-cn, aws-us-gov) and the partition gives the console host. Any other value
 * (a typo, `US-EAST-1`, `evil.example/phish?`) is "region unknown" and never becomes part of a URL.
 *
 * Listed regions only, not the partitions' regionRegex: that pattern admits `us-EAST_1-9` (`\w`),
 * which is no host name, and a region AWS opens later only lacks links until the list is updated.
 */
import partitionsFile from './aws-partitions.json';

export type AwsPartitionId = 'aws' | 'aws-cn' | 'aws-us-gov';

export interface AwsPartition {
  readonly id: AwsPartitionId;
  /** Service endpoints: `<service>.<region>.<dnsSuffix>`. */
  readonly dnsSuffix: string;
  /** The AWS Management Console: `<region>.<consoleHost>`. */
  readonly consoleHost: string;
  /** AWS's pattern for the partition's region names (a test holds every listed region to it). */
  readonly regionRegex: string;
  readonly regions: readonly string[];
}

/** What stands where a region is not one the partitions list names. */
export const REGION_UNKNOWN = 'region unknown';

export const AWS_PARTITIONS = partitionsFile.partitions as readonly AwsPartition[];

const partitionByRegion = new Map<string, AwsPartition>(AWS_PARTITIONS.flatMap((p) => p.regions.map((r) => [r, p] as const)));

/** The partition of a listed region (exact spelling); undefined for anything else. */
export function awsPartitionOf(region: unknown): AwsPartition | undefined {
  return typeof region === 'string' ? partitionByRegion.get(region) : undefined;
}

/** A region for people and reports: itself when listed, REGION_UNKNOWN when not, undefined when none was given. */
export function regionOrUnknown(region: string | undefined): string | undefined {
  if (region === undefined) return undefined;
  return awsPartitionOf(region) ? region : REGION_UNKNOWN;
}

/**
 * A console page in a listed region, e.g. `awsConsoleUrl('eu-west-1', 'rds/home', 'database:id=x')`
 * is `https://eu-west-1.console.aws.amazon.com/rds/home?region=eu-west-1#database:id=x`; undefined
 * when the region is not listed. The page is the platform's own constant; values from input in the
 * fragment are the caller's to encode.
 */
export function awsConsoleUrl(region: string, page: string, fragment?: string): string | undefined {
  const partition = awsPartitionOf(region);
  if (!partition) return undefined;
  return `https://${region}.${partition.consoleHost}/${page}?region=${region}${fragment === undefined ? '' : `#${fragment}`}`;
}

/** A service endpoint host in a listed region, e.g. `sqs.cn-north-1.amazonaws.com.cn`; undefined when not listed. */
export function awsEndpointHost(service: string, region: string): string | undefined {
  const partition = awsPartitionOf(region);
  return partition && `${service}.${region}.${partition.dnsSuffix}`;
}

/** Whether a URL is an https page of the console of a listed region (what the golden paths record for observability). */
export function isAwsConsoleUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  const [region, ...rest] = parsed.hostname.split('.');
  const partition = awsPartitionOf(region);
  return parsed.protocol === 'https:' && parsed.port === '' && parsed.username === '' && parsed.password === '' && partition !== undefined && rest.join('.') === partition.consoleHost;
}
