import { block } from '../../../terraform/resource-index';
import { containers, podSpec, WORKLOAD_TYPES } from '../../../terraform/kubernetes-pods';
import { COMPLIANT, defineRule, nonCompliant } from '../../rule';

export default defineRule(__filename, {
  rationale: 'A privileged container is root on the node, with every device and capability.',
  fix: 'Remove privileged = true; grant the one capability needed instead, if any.',
  types: WORKLOAD_TYPES,
  check: (r) => {
    const privileged = containers(r).filter((c) => {
      const sc = block(c.security_context) ?? {};
      return sc.privileged === true || sc.privileged === 'true';
    });
    const pod = podSpec(r) ?? {};
    const hostAccess = ['host_pid', 'host_ipc', 'host_network'].filter((k) => pod[k] === true || pod[k] === 'true');
    if (privileged.length) return nonCompliant(`container ${privileged.map((c) => c.name ?? '?').join(', ')} runs privileged`);
    if (hostAccess.length) return nonCompliant(`shares the node's ${hostAccess.join(', ').replace(/host_/g, '')} namespace`);
    return COMPLIANT;
  },
});
