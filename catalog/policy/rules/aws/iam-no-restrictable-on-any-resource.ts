import { isUnknown } from '../../../terraform/hcl-expression';
import { matchingActions } from '../../iam-actions';
import { anyMayBe, dataDocumentStatements, Statement } from '../../policy-statements';
import { COMPLIANT, defineRule, nonCompliant, NOT_APPLICABLE, RuleResult } from '../../rule';
import { inlineDocumentCheck, judgeStatements, POLICY_DOCUMENTS } from '../../statement-rules';

/** Access levels that change something: what a leaked credential can do harm with. */
const RESTRICTED_LEVELS = /Write|Permissions management/;

/**
 * Condition keys that name what the statement reaches, as a Resource list would: the resource's
 * account, organisation or tags, or (KMS) the encryption context of the data a key protects.
 */
const NARROWING_KEYS = /^(aws:ResourceAccount|aws:ResourceOrgID|aws:ResourceOrgPaths|aws:ResourceTag\/.+|kms:EncryptionContext:.+)$/i;

/**
 * Allow statements with an action that writes or manages permissions and supports resource-level
 * permissions, on Resource "*". Actions AWS cannot narrow (ListAllMyBuckets) and reads are left
 * alone, and so is a statement conditioned on what it reaches (NARROWING_KEYS); "*" itself is
 * aws/iam-no-admin-wildcard's. Actions not known before plan are not judged
 * here (no finding on a guess), unknown service prefixes neither.
 */
function judge(s: Statement): RuleResult {
  if (s.effect !== 'Allow' || !Array.isArray(s.resources) || !s.resources.includes('*') || !Array.isArray(s.actions)) return COMPLIANT;
  if (anyMayBe(s.actions, '*')) return COMPLIANT;
  if (s.conditionKeys.some((k) => NARROWING_KEYS.test(k))) return COMPLIANT;
  const restrictable = new Set<string>();
  for (const action of s.actions) {
    if (isUnknown(action)) continue;
    const granted = matchingActions(action) ?? [];
    if (granted.some((a) => a.restrictable && RESTRICTED_LEVELS.test(a.accessLevel))) restrictable.add(action);
  }
  if (!restrictable.size) return COMPLIANT;
  return nonCompliant(`allows ${[...restrictable].join(', ')} on every resource ("*") (statement ${s.number}), though AWS can narrow ${restrictable.size === 1 ? 'it' : 'them'} to named resources`);
}

export default defineRule(__filename, {
  rationale: 'Write and permissions-management actions on Resource "*" reach every bucket, queue, role... of the account, present and future; naming the resources keeps a leaked credential to what the workload owns.',
  fix: 'List the ARNs the statement needs in Resource (the grant* methods of the constructs do this); keep "*" for actions AWS cannot narrow.',
  types: Object.keys(POLICY_DOCUMENTS),
  check: inlineDocumentCheck(judge),
  checkBlock: (b) => (b.address.startsWith('data.aws_iam_policy_document.') ? judgeStatements({ statements: dataDocumentStatements(b.body) }, judge) : NOT_APPLICABLE),
});
