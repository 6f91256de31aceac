/**
 * The syntax limits of each target a tag lands on. Groundwork maps ownership to each target
 * losslessly or reports a problem; it never truncates.
 */

export const AWS_LIMITS = { maxTags: 50, maxKeyLength: 128, maxValueLength: 256 } as const;
// Letters, digits and spaces in any script, plus + - = . _ : / @ (AWS tagging rules).
const AWS_TAG_CHARS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

/** Problems with one AWS tag set (the resource's tags merged with the provider's default tags). */
export function awsTagProblems(tags: Readonly<Record<string, string>>): string[] {
  const problems: string[] = [];
  const keys = Object.keys(tags).sort();
  if (keys.length > AWS_LIMITS.maxTags) problems.push(`carries ${keys.length} tags; AWS allows at most ${AWS_LIMITS.maxTags}`);
  for (const key of keys) {
    const value = tags[key];
    if (key.length === 0 || key.length > AWS_LIMITS.maxKeyLength) problems.push(`tag key "${key}" must be 1 to ${AWS_LIMITS.maxKeyLength} characters long`);
    if (!AWS_TAG_CHARS.test(key)) problems.push(`tag key "${key}" has characters AWS does not allow (letters, digits, spaces and + - = . _ : / @ only)`);
    if (key.toLowerCase().startsWith('aws:')) problems.push(`tag key "${key}" uses the reserved prefix "aws:"`);
    if (value.length > AWS_LIMITS.maxValueLength) problems.push(`tag "${key}" has a value of ${value.length} characters; AWS allows at most ${AWS_LIMITS.maxValueLength}`);
    if (!AWS_TAG_CHARS.test(value)) problems.push(`tag "${key}" has value "${value}" with characters AWS does not allow (letters, digits, spaces and + - = . _ : / @ only)`);
  }
  return problems;
}

export const KUBERNETES_LIMITS = { maxNameLength: 63, maxPrefixLength: 253 } as const;
const LABEL_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const LABEL_VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Problems with one Kubernetes label (key syntax `[prefix/]name`, value at most 63 characters). */
export function kubernetesLabelProblems(key: string, value: string): string[] {
  const problems: string[] = [];
  const slash = key.lastIndexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined && (prefix.length > KUBERNETES_LIMITS.maxPrefixLength || !DNS_SUBDOMAIN.test(prefix))) {
    problems.push(`label key "${key}" has a prefix that is not a DNS subdomain of at most ${KUBERNETES_LIMITS.maxPrefixLength} characters`);
  }
  if (name.length > KUBERNETES_LIMITS.maxNameLength || !LABEL_NAME.test(name)) {
    problems.push(`label key "${key}" must have a name of 1 to ${KUBERNETES_LIMITS.maxNameLength} letters, digits, '-', '_' or '.', starting and ending with a letter or digit`);
  }
  if (value.length > KUBERNETES_LIMITS.maxNameLength) {
    problems.push(`label "${key}" has a value of ${value.length} characters; Kubernetes allows at most ${KUBERNETES_LIMITS.maxNameLength}`);
  } else if (!LABEL_VALUE.test(value)) {
    problems.push(`label "${key}" has value "${value}", which Kubernetes does not allow (letters, digits, '-', '_' and '.', starting and ending with a letter or digit)`);
  }
  return problems;
}

export const GITHUB_LIMITS = { maxTopicLength: 50, maxTopics: 20 } as const;
const TOPIC = /^[a-z0-9][a-z0-9-]*$/;

/** The GitHub topic that declares a repository public on purpose; the visibility guardrail reads it. */
export const DECLARED_PUBLIC_TOPIC = 'open-source';

/**
 * Ownership as GitHub topics (`owner-payments`, `cost-center-cc-1001`). GitHub topics are
 * case-insensitive, so lower-casing is lossless; any other character is a problem.
 */
export function githubTopics(record: Readonly<Record<string, string>>): { topics: string[]; problems: string[] } {
  const topics: string[] = [];
  const problems: string[] = [];
  for (const key of Object.keys(record).sort()) {
    const topic = `${key}-${record[key]}`.toLowerCase();
    if (!TOPIC.test(topic)) {
      problems.push(`ownership "${key}=${record[key]}" becomes the GitHub topic "${topic}", which may hold only lowercase letters, digits and hyphens`);
    } else if (topic.length > GITHUB_LIMITS.maxTopicLength) {
      problems.push(`ownership "${key}=${record[key]}" becomes the GitHub topic "${topic}" of ${topic.length} characters; GitHub allows at most ${GITHUB_LIMITS.maxTopicLength}`);
    } else {
      topics.push(topic);
    }
  }
  return { topics, problems };
}

export function githubTopicCountProblem(count: number): string | undefined {
  return count > GITHUB_LIMITS.maxTopics ? `carries ${count} topics; GitHub allows at most ${GITHUB_LIMITS.maxTopics} per repository` : undefined;
}
