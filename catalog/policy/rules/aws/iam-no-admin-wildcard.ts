import { HclValue, isUnknown, parsePolicyDocument } from '../../../terraform/hcl-expression';
import { listAttribute, stringAttribute } from '../../attributes';
import { COMPLIANT, defineRule, nonCompliant, RuleResult } from '../../rule';

const list = (v: HclValue | undefined): HclValue[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

/** Inline policy documents: the attribute that holds the JSON, per type. */
const DOCUMENTS: Record<string, string> = {
  aws_iam_policy: 'policy',
  aws_iam_role_policy: 'policy',
  aws_iam_user_policy: 'policy',
  aws_iam_group_policy: 'policy',
  aws_ssoadmin_permission_set_inline_policy: 'inline_policy',
};
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

export default defineRule(__filename, {
  rationale: 'Allow * on * is administrator access: one leaked credential owns the account.',
  fix: 'Name the actions and resources the workload needs (the grant* methods of the constructs do this); attach no AdministratorAccess to a workload.',
  types: [...Object.keys(DOCUMENTS), ...Object.keys(ATTACHMENTS)],
  check: (r) => {
    if (ATTACHMENTS[r.type]) return attached(r.body[ATTACHMENTS[r.type]!]);
    const doc = parsePolicyDocument(r.body[DOCUMENTS[r.type]!]) as { Statement?: HclValue } | undefined;
    if (!doc || typeof doc !== 'object') return nonCompliant('has a policy document that cannot be read at synth; write it with jsonencode() or literal JSON so it can be checked');
    for (const s of list(doc.Statement) as Array<Record<string, HclValue>>) {
      if (s?.Effect !== 'Allow') continue;
      const actions = list(s.Action);
      const resources = list(s.Resource);
      if (actions.includes('*') && resources.includes('*')) return nonCompliant('allows every action ("*") on every resource ("*")');
    }
    return COMPLIANT;
  },
});
