import { callsOf, describeCalls } from '../../function-calls';
import { COMPLIANT, defineRule, nonCompliant, RuleResult } from '../../rule';

/** Functions whose result changes on every run: every plan shows a change that nobody made. */
const NONDETERMINISTIC = ['timestamp', 'plantimestamp', 'uuid', 'bcrypt'];

function check(value: unknown): RuleResult {
  const calls = callsOf(value, NONDETERMINISTIC);
  return calls.length ? nonCompliant(`calls ${describeCalls(calls)}, whose result changes on every plan`) : COMPLIANT;
}

export default defineRule(__filename, {
  rationale: 'A value that changes on every run makes every plan show a change: real changes drown, and resources are replaced for nothing.',
  fix: 'Use a fixed value, or a resource that keeps its value in the state (time_static, random_uuid, random_password).',
  types: '*',
  check: (r) => check(r.body),
  checkBlock: (b) => check(b.body),
});
