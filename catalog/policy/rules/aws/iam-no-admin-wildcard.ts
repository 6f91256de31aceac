import { HclValue, parsePolicyDocument } from '../../../terraform/hcl-expression';
import { COMPLIANT, defineRule, nonCompliant } from '../../rule';

const list = (v: HclValue | undefined): HclValue[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

export default defineRule(__filename, {
  rationale: 'Allow * on * is administrator access: one leaked credential owns the account.',
  fix: 'Name the actions and resources the workload needs (the grant* methods of the constructs do this).',
  types: ['aws_iam_policy', 'aws_iam_role_policy', 'aws_iam_user_policy', 'aws_iam_group_policy'],
  check: (r) => {
    const doc = parsePolicyDocument(r.body.policy) as { Statement?: HclValue } | undefined;
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
