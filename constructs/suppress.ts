import { TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import { GroundworkError } from '../catalog/errors';
import { METADATA_KEY } from '../catalog/metadata';
import { ALL_RULES } from '../catalog/policy/packs';

const recorded = new WeakMap<TerraformStack, Array<{ path: string; rule: string; reason: string }>>();

/**
 * Exempts a construct and everything under it from one guardrail rule. The reason is required
 * and lands in the synthesized metadata; policy.json reports every finding it suppresses.
 */
export function suppress(scope: IConstruct, rule: string, reason: string): void {
  const where = scope.node.path;
  if (!ALL_RULES.has(rule)) throw new GroundworkError(`${where}: cannot suppress "${rule}": no such rule (known: ${[...ALL_RULES.keys()].join(', ')}).`);
  if (reason.trim().length < 10) throw new GroundworkError(`${where}: suppressing ${rule} needs a reason a reviewer can judge (at least 10 characters).`);
  const stack = TerraformStack.of(scope);
  const list = recorded.get(stack) ?? [];
  list.push({ path: where, rule, reason: reason.trim() });
  recorded.set(stack, list);
  stack.addOverride(`//.${METADATA_KEY}.suppressions`, [...list]);
}
