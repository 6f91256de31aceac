import { GroundworkError } from '../../model/errors';
import { literal, ResourceRecord } from '../terraform/resource-index';
import type { LastAnalysis } from './last-analysis';

/** Who owns one synthesized resource, as every tool allocates it. */
export interface Ownership {
  readonly stack: string;
  readonly address: string;
  readonly type: string;
  readonly region: string | null;
  readonly owner: string | null;
  readonly service: string | null;
  readonly costCenter: string | null;
  readonly environment: string | null;
  /** The catalog entity whose Terraform addresses list it (`resource:...` or `service:...`). */
  readonly entity: string | null;
}

/** An ARN's parts (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html). */
const ARN = /^arn:(aws|aws-cn|aws-us-gov):([a-z0-9-]+):([a-z0-9-]*):([0-9]*):(.+)$/;

/** Terraform type prefixes of the AWS services whose ARNs name resources by a name the configuration sets. */
const TYPES_OF_SERVICE: Readonly<Record<string, readonly string[]>> = {
  rds: ['aws_db_', 'aws_rds_'],
  sqs: ['aws_sqs_'],
  s3: ['aws_s3_'],
  iam: ['aws_iam_'],
  logs: ['aws_cloudwatch_log_'],
  cloudwatch: ['aws_cloudwatch_'],
  sns: ['aws_sns_'],
  kms: ['aws_kms_'],
  secretsmanager: ['aws_secretsmanager_'],
  cloudfront: ['aws_cloudfront_'],
  acm: ['aws_acm_'],
  ec2: ['aws_vpc', 'aws_subnet', 'aws_security_group', 'aws_nat_gateway', 'aws_internet_gateway', 'aws_eip', 'aws_route'],
};

/** `<service>:<resource type>` of an ARN -> the one Terraform type it names, where a service's types share names (an RDS instance and its subnet group). */
const TYPE_OF_ARN_RESOURCE: Readonly<Record<string, string>> = {
  'rds:db': 'aws_db_instance',
  'rds:subgrp': 'aws_db_subnet_group',
  'rds:pg': 'aws_db_parameter_group',
  'rds:cluster': 'aws_rds_cluster',
  'iam:role': 'aws_iam_role',
  'iam:policy': 'aws_iam_policy',
  'logs:log-group': 'aws_cloudwatch_log_group',
  'cloudwatch:alarm': 'aws_cloudwatch_metric_alarm',
  'cloudwatch:dashboard': 'aws_cloudwatch_dashboard',
};

/** Attributes that hold the name an ARN ends with. */
const NAME_ATTRIBUTES = ['identifier', 'name', 'bucket', 'function_name', 'cluster_identifier', 'arn'];

export const isArn = (text: string): boolean => text.startsWith('arn:');

function ownershipOf(r: ResourceRecord, entities: ReadonlyMap<string, string>): Ownership {
  return {
    stack: r.stack,
    address: r.address,
    type: r.type,
    region: r.region ?? null,
    owner: r.ownership.owner ?? null,
    service: r.ownership.service ?? null,
    costCenter: r.ownership['cost-center'] ?? null,
    environment: r.ownership.environment ?? r.tags.environment ?? null,
    entity: entities.get(`${r.stack}/${r.address}`) ?? null,
  };
}

/** `<stack>/<address>` -> the most specific catalog entity that lists it (a resource before its service). */
function entityByAddress(analysis: LastAnalysis): Map<string, string> {
  const byAddress = new Map<string, string>();
  for (const kind of ['resource', 'service'] as const) {
    for (const e of analysis.entities(kind)) for (const t of e.terraform) if (!byAddress.has(`${t.stack}/${t.address}`)) byAddress.set(`${t.stack}/${t.address}`, e.id);
  }
  return byAddress;
}

/** Does the ARN's resource part name this resource? */
function arnNames(arn: RegExpMatchArray, r: ResourceRecord): boolean {
  const [, , service, region, , resourcePart] = arn;
  const prefixes = TYPES_OF_SERVICE[service];
  if (!r.type.startsWith('aws_') || (prefixes && !prefixes.some((p) => r.type.startsWith(p)))) return false;
  const exactType = TYPE_OF_ARN_RESOURCE[`${service}:${resourcePart.split(/[:/]/)[0]}`];
  if (exactType && r.type !== exactType) return false;
  if (region && r.region && region !== r.region) return false;
  const part = service === 's3' ? resourcePart.split('/')[0] : resourcePart.replace(/:\*$/, '');
  return NAME_ATTRIBUTES.some((attribute) => {
    const name = literal(r.body[attribute]);
    if (!name) return false;
    if (attribute === 'arn') return name === arn[0];
    return part === name || part.endsWith(`:${name}`) || part.endsWith(`/${name}`);
  });
}

/**
 * Who owns a Terraform address (`aws_sqs_queue.x`, or `<stack>/aws_sqs_queue.x` for one stack) or
 * an AWS ARN (matched by the name the configuration gives the resource, its type and region).
 * Several matches are all returned (one address in several stacks).
 */
export function whoOwns(analysis: LastAnalysis, query: string): Ownership[] {
  const entities = entityByAddress(analysis);
  const arn = isArn(query) ? query.match(ARN) : null;
  let found: readonly ResourceRecord[];
  if (isArn(query)) {
    if (!arn) throw new GroundworkError(`"${query}" is not an ARN: the form is arn:<partition>:<service>:<region>:<account>:<resource>.`);
    found = analysis.resources().filter((r) => arnNames(arn, r));
  }
  else {
    const slash = query.indexOf('/');
    const [stack, address] = slash < 0 ? [undefined, query] : [query.slice(0, slash), query.slice(slash + 1)];
    found = analysis.resources().filter((r) => r.address === address && (stack === undefined || r.stack === stack));
  }
  return found.map((r) => ownershipOf(r, entities));
}
