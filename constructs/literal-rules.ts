import { DNS_NAME } from '../model/dns-name';
import { GroundworkError } from '../model/errors';

/**
 * The shapes a prop value must have to reach Terraform as what it says: each is a literal of the
 * cloud's own syntax, so no `${`, `%{` or other expression can pass. Free text takes the other
 * road: terraformLiteral (literal.ts) escapes it.
 */
/** An OCI image reference (distribution spec): registry host, path components, a tag other than latest, or a digest. */
function imageReference(): RegExp {
  const host = '[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*(?::[0-9]{1,5})?';
  const component = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
  const tag = '(?!latest$)[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}';
  return new RegExp(`^${host}(?:/${component})+(?::${tag}|@sha256:[a-f0-9]{64})$`);
}

export const LITERAL_RULES = {
  arn: { pattern: /^arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:[0-9]{12}:[A-Za-z0-9_/:.+=,@-]+$/, rule: 'an ARN such as arn:aws:sqs:eu-west-1:123456789012:orders' },
  acmCertificateArn: { pattern: /^arn:aws:acm:us-east-1:[0-9]{12}:certificate\/[a-f0-9-]+$/, rule: "an ACM certificate ARN in us-east-1 (CloudFront's region)" },
  s3Arn: { pattern: /^arn:aws[a-z-]*:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, rule: 'a bucket ARN such as arn:aws:s3:::acme-orders' },
  queueUrl: { pattern: /^https:\/\/sqs\.[a-z0-9-]+\.amazonaws\.com(\.cn)?\/[0-9]{12}\/[A-Za-z0-9_-]{1,80}(\.fifo)?$/, rule: 'an SQS queue URL such as https://sqs.eu-west-1.amazonaws.com/123456789012/orders' },
  hostname: { pattern: DNS_NAME, rule: 'a DNS name such as www.acme.example' },
  name: { pattern: /^[A-Za-z0-9][A-Za-z0-9_.-]{0,254}$/, rule: 'a name of letters, digits, ".", "_" and "-"' },
  containerImage: { pattern: imageReference(), rule: 'an image reference with an immutable tag or digest, such as ghcr.io/acme/checkout:1.2.3 (not latest)' },
  rdsResourceId: { pattern: /^db-[A-Z0-9]{16,40}$/, rule: 'an RDS DbiResourceId such as db-ABCDEFGHIJKLMNOPQRSTUVWXY1 (aws rds describe-db-instances --query "DBInstances[].DbiResourceId")' },
  httpPath: { pattern: /^\/[A-Za-z0-9._~\/-]{0,255}$/, rule: 'an HTTP path such as /healthz (letters, digits, ".", "_", "~", "-" and "/")' },
} as const;

export type LiteralKind = keyof typeof LITERAL_RULES;

/**
 * Checks prop values against their literal rules; undefined values are skipped (defaults apply)
 * unless `required` (the attributes of an existing resource). One sentence per problem naming the
 * construct, the prop, the value and the rule.
 */
export function checkLiterals(where: string, values: Readonly<Record<string, [LiteralKind, unknown]>>, options: { required?: boolean } = {}): void {
  const problems = Object.entries(values)
    .filter(([, [kind, value]]) => (value !== undefined || options.required) && (typeof value !== 'string' || !LITERAL_RULES[kind].pattern.test(value)))
    .map(([prop, [kind, value]]) => `${where}: ${prop} ${JSON.stringify(value)} must be ${LITERAL_RULES[kind].rule}.`);
  if (problems.length) throw new GroundworkError(options.required ? `Cannot import the existing resource at ${where}:` : `Invalid props for ${where}:`, problems);
}

/** Checks a prop against its allowed values (an enum the TypeScript type states but synth cannot rely on). */
export function checkChoice<T extends string>(where: string, prop: string, value: T | undefined, choices: readonly T[]): void {
  if (value !== undefined && !choices.includes(value)) throw new GroundworkError(`${where}: ${prop} ${JSON.stringify(value)} must be one of ${choices.join(', ')}.`);
}
