import { block } from '../../../terraform/resource-index';
import { containers } from '../../../terraform/kubernetes-pods';
import { WORKLOAD_TYPES } from '../../../resource-types/tables';
import { COMPLIANT, defineRule, nonCompliant } from '../../rule';

export default defineRule(__filename, {
  rationale: 'Without requests the scheduler overcommits nodes; without limits one pod can starve its neighbours.',
  fix: 'Set resources.requests and resources.limits (cpu and memory) on every container (Workload does this).',
  types: WORKLOAD_TYPES,
  check: (r) => {
    const missing = containers(r).filter((c) => {
      const res = block(c.resources) ?? {};
      const req = block(res.requests) ?? {};
      const lim = block(res.limits) ?? {};
      return !req.cpu || !req.memory || !lim.memory || !lim.cpu;
    });
    return missing.length ? nonCompliant(`container ${missing.map((c) => c.name ?? '?').join(', ')} lacks cpu/memory requests or limits`) : COMPLIANT;
  },
});
