import { block } from '../../../terraform/resource-index';
import { containers, podSpec } from '../../../terraform/kubernetes-pods';
import { WORKLOAD_TYPES } from '../../../resource-types/tables';
import { isUnknown } from '../../../terraform/hcl-expression';
import { boolAttribute, unknownAttribute } from '../../attributes';
import { COMPLIANT, defineRule, nonCompliant } from '../../rule';

// An expression that cannot be known counts as not true: the rule fails closed.
const yes = (v: unknown) => boolAttribute(v) === true;

export default defineRule(__filename, {
  rationale: 'A container running as root turns a container escape into root on the node.',
  fix: 'Set security_context.run_as_non_root = true on the pod or every container (Workload does this).',
  types: WORKLOAD_TYPES,
  check: (r) => {
    const podLevel = yes(block(podSpec(r)?.security_context)?.run_as_non_root);
    const root = containers(r).filter((c) => {
      const own = block(c.security_context)?.run_as_non_root;
      return own === undefined ? !podLevel : !yes(own);
    });
    const unknown = [block(podSpec(r)?.security_context)?.run_as_non_root, ...root.map((c) => block(c.security_context)?.run_as_non_root)].map(boolAttribute).find(isUnknown);
    if (root.length && unknown) return unknownAttribute('run_as_non_root', unknown);
    return root.length ? nonCompliant(`container ${root.map((c) => c.name ?? '?').join(', ')} may run as root (run_as_non_root is not true)`) : COMPLIANT;
  },
});
