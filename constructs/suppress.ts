import { TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import { GroundworkError } from '../model/errors';
import { recordSuppressions } from './metadata-writer';

/** A guardrail rule id, `<pack>/<rule>`; the policy engine checks that the rule exists. */
const RULE_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*\/[a-z0-9]+(?:-[a-z0-9]+)*$/;

const recorded = new WeakMap<TerraformStack, Array<{ path: string; rule: string; reason: string }>>();

/**
 * Exempts a construct and everything under it from one guardrail rule. The reason is required
 * and lands in the synthesized metadata; policy.json reports every finding it suppresses.
 */
export function suppress(scope: IConstruct, rule: string, reason: string): void {
  const where = scope.node.path;
  if (!RULE_ID.test(rule)) throw new GroundworkError(`${where}: cannot suppress "${rule}": a rule id is <pack>/<rule> in lowercase letters, digits and hyphens, e.g. aws/rds-not-public.`);
  if (reason.trim().length < 10) throw new GroundworkError(`${where}: suppressing ${rule} needs a reason a reviewer can judge (at least 10 characters).`);
  const stack = TerraformStack.of(scope);
  const list = recorded.get(stack) ?? [];
  list.push({ path: where, rule, reason: reason.trim() });
  recorded.set(stack, list);
  recordSuppressions(stack, [...list]);
}
