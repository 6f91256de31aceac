import { isUnknown } from '../../../terraform/hcl-expression';
import type { Statement } from '../../policy-statements';
import { COMPLIANT, defineRule, nonCompliant, RuleResult } from '../../rule';
import { inlineDocumentCheck, POLICY_DOCUMENTS } from '../../statement-rules';

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
  check: inlineDocumentCheck(judge),
});
