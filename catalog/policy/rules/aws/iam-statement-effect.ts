import { isUnknown } from '../../../terraform/hcl-expression';
import { policyDocumentReference, readPolicyDocument, Statement } from '../../policy-statements';
import { COMPLIANT, defineRule, nonCompliant, RuleResult } from '../../rule';
import { judgeStatements, POLICY_DOCUMENTS } from './iam-no-admin-wildcard';

const EFFECTS = ['Allow', 'Deny'];

/** Every statement of a JSON policy needs Effect "Allow" or "Deny" (case-sensitive); AWS refuses the document otherwise. */
function judge(s: Statement): RuleResult {
  if (s.effect === undefined) return nonCompliant(`has a statement without Effect (statement ${s.number}): AWS refuses the policy at apply`);
  if (isUnknown(s.effect) || EFFECTS.includes(s.effect)) return COMPLIANT;
  return nonCompliant(`has Effect ${JSON.stringify(s.effect)} in statement ${s.number}, which is neither "Allow" nor "Deny": AWS refuses the policy at apply`);
}

export default defineRule(__filename, {
  rationale: 'A policy statement without a valid Effect is refused by IAM: the apply fails halfway, after other resources changed.',
  fix: 'Give every statement Effect = "Allow" or "Deny".',
  types: Object.keys(POLICY_DOCUMENTS),
  check: (r) => {
    const raw = r.body[POLICY_DOCUMENTS[r.type]!];
    // aws_iam_policy_document defaults effect to Allow; an unreadable document is the admin rule's finding.
    if (policyDocumentReference(raw)) return COMPLIANT;
    const document = readPolicyDocument(raw);
    return 'unreadable' in document ? COMPLIANT : judgeStatements(document, judge);
  },
});
