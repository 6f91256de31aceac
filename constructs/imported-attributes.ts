import { GroundworkError } from '../model/errors';

/** Rules for the attributes of resources that exist already: literals of the cloud's own shape, never expressions. */
export const IMPORT_RULES = {
  arn: { pattern: /^arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:[0-9]{12}:[A-Za-z0-9_/:.+=,@-]+$/, rule: 'an ARN such as arn:aws:sqs:eu-west-1:123456789012:orders' },
  s3Arn: { pattern: /^arn:aws[a-z-]*:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, rule: 'a bucket ARN such as arn:aws:s3:::acme-orders' },
  queueUrl: { pattern: /^https:\/\/sqs\.[a-z0-9-]+\.amazonaws\.com(\.cn)?\/[0-9]{12}\/[A-Za-z0-9_-]{1,80}(\.fifo)?$/, rule: 'an SQS queue URL such as https://sqs.eu-west-1.amazonaws.com/123456789012/orders' },
  hostname: { pattern: /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, rule: 'a DNS host name such as orders.abc123.eu-west-1.rds.amazonaws.com' },
  name: { pattern: /^[A-Za-z0-9][A-Za-z0-9_.-]{0,254}$/, rule: 'a name of letters, digits, ".", "_" and "-"' },
} as const;

/** Checks each attribute of an imported resource; one sentence per problem naming the construct and the attribute. */
export function checkImported(where: string, values: Readonly<Record<string, [keyof typeof IMPORT_RULES, unknown]>>): void {
  const problems = Object.entries(values)
    .filter(([, [kind, value]]) => typeof value !== 'string' || !IMPORT_RULES[kind].pattern.test(value))
    .map(([attribute, [kind, value]]) => `${where}: ${attribute} ${JSON.stringify(value)} must be ${IMPORT_RULES[kind].rule}.`);
  if (problems.length) throw new GroundworkError(`Cannot import the existing resource at ${where}:`, problems);
}
