import { createHash } from 'crypto';
import { GroundworkError } from '../model/errors';

/**
 * Checks a cloud resource name against the service's own rule and says which construct asked for
 * it. Names are built from validated parts, so this fires only when the parts are too long together.
 */
export function checkName(where: string, kind: string, name: string, rule: { pattern: RegExp; maxLength: number; text: string }): string {
  if (name.length > rule.maxLength || !rule.pattern.test(name)) {
    throw new GroundworkError(
      `${where}: the ${kind} name "${name}" (${name.length} characters) is not valid: ${rule.text}, at most ${rule.maxLength} characters. Choose a shorter service or resource name.`,
    );
  }
  return name;
}

export const NAME_RULES = {
  rdsIdentifier: { pattern: /^[a-z](?!.*--)[a-z0-9-]*[a-z0-9]$/, maxLength: 63, text: 'lowercase letters, digits and single hyphens, starting with a letter' },
  sqsQueue: { pattern: /^[A-Za-z0-9_-]+$/, maxLength: 80, text: 'letters, digits, hyphens and underscores' },
  s3Bucket: { pattern: /^[a-z0-9](?!.*\.\.)[a-z0-9.-]*[a-z0-9]$/, maxLength: 63, text: 'lowercase letters, digits, dots and hyphens' },
  iamRole: { pattern: /^[A-Za-z0-9+=,.@_-]+$/, maxLength: 64, text: 'letters, digits and +=,.@_-' },
  githubRepository: { pattern: /^[A-Za-z0-9._-]+$/, maxLength: 100, text: 'letters, digits, dots, hyphens and underscores' },
  gitBranch: { pattern: /^(?!.*\.\.)(?!\/)[A-Za-z0-9._/-]+(?<![./])$/, maxLength: 100, text: 'letters, digits, ".", "_", "-" and "/", no ".."' },
  wafName: { pattern: /^[A-Za-z0-9_-]+$/, maxLength: 128, text: 'letters, digits, hyphens and underscores' },
  loadBalancer: { pattern: /^(?!internal-)[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/, maxLength: 32, text: 'letters, digits and hyphens, not starting with "internal-"' },
  /** Knowledge bases, data sources, custom models, jobs and provisioned throughputs: single separators only. */
  bedrockName: { pattern: /^([0-9a-zA-Z][_-]?)+$/, maxLength: 63, text: 'letters and digits, each followed by at most one "-" or "_" (Bedrock)' },
  kubernetesName: { pattern: /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, maxLength: 63, text: 'lowercase letters, digits and hyphens (a DNS label)' },
} as const;

/**
 * A name within a limit shorter than what its parts may add up to (load balancers and target
 * groups: 32 characters): the whole name when it fits, else its start and a hash of the whole,
 * so it stays unique and deterministic. The full name is on the resource's tags.
 */
export function nameWithin(full: string, maxLength: number): string {
  if (full.length <= maxLength) return full;
  const hash = createHash('sha256').update(full).digest('hex').slice(0, 8);
  return `${full.slice(0, maxLength - 9).replace(/-+$/, '')}-${hash}`;
}

/** A whole-number prop within a range, or a clear error. */
export function checkRange(where: string, prop: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new GroundworkError(`${where}: ${prop} is ${JSON.stringify(value) ?? String(value)}${typeof value === 'number' ? '' : ` (${typeof value})`}, but must be a whole number from ${min} to ${max}.`);
  }
  return value;
}
