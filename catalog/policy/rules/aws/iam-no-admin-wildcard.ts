import { isUnknown } from '../../../terraform/hcl-expression';
import { listAttribute, stringAttribute } from '../../attributes';
import { anyMayBe, dataDocumentStatements, firstUnknown, policyDocumentReference, readPolicyDocument, Statement } from '../../policy-statements';
import { judgeStatements, POLICY_DOCUMENTS } from '../../statement-rules';
import { COMPLIANT, defineRule, nonCompliant, NOT_APPLICABLE, RuleResult } from '../../rule';

/** Attachments of managed policies: the attribute that holds the ARN(s), per type. */
const ATTACHMENTS: Record<string, string> = {
  aws_iam_role: 'managed_policy_arns',
  aws_iam_policy_attachment: 'policy_arn',
  aws_iam_role_policy_attachment: 'policy_arn',
  aws_iam_user_policy_attachment: 'policy_arn',
  aws_iam_group_policy_attachment: 'policy_arn',
  aws_ssoadmin_managed_policy_attachment: 'managed_policy_arn',
};
/** AWS's own administrator policy is Allow * on *, in every partition. */
const ADMINISTRATOR_ACCESS = /^arn:aws[a-z-]*:iam::aws:policy\/AdministratorAccess$/;

function attached(raw: unknown): RuleResult {
  const arns = Array.isArray(raw) ? listAttribute(raw) : [stringAttribute(raw)];
  // A policy by reference or variable is judged where it is written (its own aws_iam_policy), not here.
  if (isUnknown(arns)) return COMPLIANT;
  return (arns ?? []).some((a) => typeof a === 'string' && ADMINISTRATOR_ACCESS.test(a)) ? nonCompliant('attaches AdministratorAccess (every action on every resource)') : COMPLIANT;
}

/**
 * One statement at a time: Allow with an action that is or may be "*" on a resource that is or
 * may be "*". Literal actions none of which is "*" settle it whatever the resources hold.
 */
function judge(s: Statement): RuleResult {
  if (s.effect === undefined || (typeof s.effect === 'string' && s.effect !== 'Allow')) return COMPLIANT;
  const everyAction = anyMayBe(s.actions, '*') || anyMayBe(s.actions, '*:*');
  const everyResource = anyMayBe(s.resources, '*');
  if (!everyAction || !everyResource) return COMPLIANT;
  const unknown = (isUnknown(s.effect) ? s.effect : undefined) ?? (anyKnown(s.actions) ? undefined : firstUnknown(s.actions)) ?? (anyKnownStar(s.resources) ? undefined : firstUnknown(s.resources));
  if (unknown) return nonCompliant(`statement ${s.number} may allow every action on every resource: ${unknown.text} is not known before plan; write its actions or resources as literals, or suppress this finding with a reason`);
  return nonCompliant(`allows every action ("*") on every resource ("*") (statement ${s.number})`);
}

const anyKnown = (list: Statement['actions']) => Array.isArray(list) && list.some((p) => p === '*' || p === '*:*');
const anyKnownStar = (list: Statement['resources']) => Array.isArray(list) && list.some((p) => p === '*');

export default defineRule(__filename, {
  rationale: 'Allow * on * is administrator access: one leaked credential owns the account.',
  fix: 'Name the actions and resources the workload needs (the grant* methods of the constructs do this); attach no AdministratorAccess to a workload.',
  types: [...Object.keys(POLICY_DOCUMENTS), ...Object.keys(ATTACHMENTS)],
  check: (r) => {
    if (ATTACHMENTS[r.type]) return attached(r.body[ATTACHMENTS[r.type]!]);
    const raw = r.body[POLICY_DOCUMENTS[r.type]!];
    // A data "aws_iam_policy_document" is judged where it is written (checkBlock).
    if (policyDocumentReference(raw)) return COMPLIANT;
    return judgeStatements(readPolicyDocument(raw), judge);
  },
  checkBlock: (b) => (b.address.startsWith('data.aws_iam_policy_document.') ? judgeStatements({ statements: dataDocumentStatements(b.body) }, judge) : NOT_APPLICABLE),
});
