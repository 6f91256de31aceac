import type { Rule, Severity } from './rule';
import embeddingModelAllowed from './rules/ai/embedding-model-allowed';
import knowledgeBaseBucketPrivate from './rules/ai/knowledge-base-bucket-private';
import modelInvocationLogging from './rules/ai/model-invocation-logging';
import opensearchNotPublic from './rules/ai/opensearch-not-public';
import vectorStoreCmk from './rules/ai/vector-store-cmk';
import albAccessLogs from './rules/aws/alb-access-logs';
import albHttpsOnly from './rules/aws/alb-https-only';
import albWaf from './rules/aws/alb-waf';
import cloudfrontHttpsOnly from './rules/aws/cloudfront-https-only';
import cloudfrontTls from './rules/aws/cloudfront-tls';
import iamNoAdminWildcard from './rules/aws/iam-no-admin-wildcard';
import iamNoRestrictableOnAnyResource from './rules/aws/iam-no-restrictable-on-any-resource';
import iamStatementEffect from './rules/aws/iam-statement-effect';
import internalServiceNotPublic from './rules/aws/internal-service-not-public';
import logGroupKms from './rules/aws/log-group-kms';
import logRetention from './rules/aws/log-retention';
import noOpenIngress from './rules/aws/no-open-ingress';
import rdsBackups from './rules/aws/rds-backups';
import rdsDeletionProtection from './rules/aws/rds-deletion-protection';
import rdsEncrypted from './rules/aws/rds-encrypted';
import rdsMultiAz from './rules/aws/rds-multi-az';
import rdsNotPublic from './rules/aws/rds-not-public';
import s3Encryption from './rules/aws/s3-encryption';
import s3PublicAccessBlock from './rules/aws/s3-public-access-block';
import s3Versioning from './rules/aws/s3-versioning';
import snsEncryption from './rules/aws/sns-encryption';
import sqsEncryption from './rules/aws/sqs-encryption';
import branchProtection from './rules/github/branch-protection';
import codeownersWriteAccess from './rules/github/codeowners-write-access';
import dependabotSecurityUpdates from './rules/github/dependabot-security-updates';
import requiredStatusChecks from './rules/github/required-status-checks';
import secretScanning from './rules/github/secret-scanning';
import privateVisibility from './rules/github/private-visibility';
import noHostPath from './rules/kubernetes/no-host-path';
import noLatestTag from './rules/kubernetes/no-latest-tag';
import noPrivileged from './rules/kubernetes/no-privileged';
import probes from './rules/kubernetes/probes';
import requestsLimits from './rules/kubernetes/requests-limits';
import runAsNonRoot from './rules/kubernetes/run-as-non-root';
import requiredTags from './rules/tagging/required-tags';
import noFilesystemFunctions from './rules/terraform/no-filesystem-functions';
import noLiteralSecrets from './rules/terraform/no-literal-secrets';
import noNondeterministicFunctions from './rules/terraform/no-nondeterministic-functions';

export interface PackRule {
  readonly rule: Rule;
  readonly severity: Severity;
}

export interface Pack {
  readonly name: string;
  readonly rules: readonly PackRule[];
}

/** The organisation's baseline: every pack runs at every synth. */
export const PACKS: readonly Pack[] = [
  { name: 'tagging', rules: [{ rule: requiredTags, severity: 'error' }] },
  {
    name: 'aws-security',
    rules: [
      { rule: rdsEncrypted, severity: 'error' },
      { rule: rdsNotPublic, severity: 'error' },
      { rule: rdsBackups, severity: 'error' },
      { rule: rdsDeletionProtection, severity: 'error' },
      { rule: s3PublicAccessBlock, severity: 'error' },
      { rule: s3Encryption, severity: 'warning' },
      { rule: noOpenIngress, severity: 'error' },
      { rule: iamNoAdminWildcard, severity: 'error' },
      { rule: iamNoRestrictableOnAnyResource, severity: 'warning' },
      { rule: iamStatementEffect, severity: 'error' },
      { rule: sqsEncryption, severity: 'error' },
      { rule: snsEncryption, severity: 'error' },
      { rule: logRetention, severity: 'warning' },
      { rule: logGroupKms, severity: 'warning' },
      { rule: rdsMultiAz, severity: 'error' },
      { rule: s3Versioning, severity: 'warning' },
      { rule: cloudfrontHttpsOnly, severity: 'error' },
      { rule: cloudfrontTls, severity: 'error' },
      { rule: albWaf, severity: 'error' },
      { rule: albHttpsOnly, severity: 'error' },
      { rule: albAccessLogs, severity: 'error' },
      { rule: internalServiceNotPublic, severity: 'error' },
    ],
  },
  {
    name: 'ai',
    rules: [
      { rule: vectorStoreCmk, severity: 'error' },
      { rule: opensearchNotPublic, severity: 'error' },
      { rule: knowledgeBaseBucketPrivate, severity: 'error' },
      { rule: modelInvocationLogging, severity: 'error' },
      { rule: embeddingModelAllowed, severity: 'error' },
    ],
  },
  {
    name: 'kubernetes',
    rules: [
      { rule: requestsLimits, severity: 'error' },
      { rule: runAsNonRoot, severity: 'error' },
      { rule: noPrivileged, severity: 'error' },
      { rule: noHostPath, severity: 'error' },
      { rule: noLatestTag, severity: 'error' },
      { rule: probes, severity: 'warning' },
    ],
  },
  {
    name: 'terraform',
    rules: [
      { rule: noFilesystemFunctions, severity: 'error' },
      { rule: noLiteralSecrets, severity: 'error' },
      { rule: noNondeterministicFunctions, severity: 'warning' },
    ],
  },
  {
    name: 'github',
    rules: [
      { rule: branchProtection, severity: 'error' },
      { rule: privateVisibility, severity: 'error' },
      { rule: codeownersWriteAccess, severity: 'error' },
      { rule: secretScanning, severity: 'warning' },
      { rule: dependabotSecurityUpdates, severity: 'warning' },
      { rule: requiredStatusChecks, severity: 'warning' },
    ],
  },
];

export const ALL_RULES: ReadonlyMap<string, PackRule & { pack: string }> = new Map(PACKS.flatMap((p) => p.rules.map((r) => [r.rule.id, { ...r, pack: p.name }] as const)));
