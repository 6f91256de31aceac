import { block } from '../../../terraform/resource-index';
import { isLongRunning } from '../../../terraform/kubernetes-pods';
import { WORKLOAD_TYPES } from '../../../resource-types/tables';
import { COMPLIANT, defineRule, nonCompliant, NOT_APPLICABLE } from '../../rule';

export default defineRule(__filename, {
  rationale: 'Without a readiness probe traffic reaches pods that are not ready; without liveness a hung pod is never restarted.',
  fix: 'Add readiness_probe and liveness_probe to every container of the workload (Workload adds HTTP probes).',
  types: WORKLOAD_TYPES,
  check: (r) => {
    if (!isLongRunning(r)) return NOT_APPLICABLE;
    const pod = block(block(block(r.body.spec)?.template)?.spec) ?? {};
    const main = Array.isArray(pod.container) ? pod.container : pod.container ? [pod.container] : [];
    const missing = main.filter((c: Record<string, unknown>) => !c.readiness_probe || !c.liveness_probe);
    return missing.length ? nonCompliant(`container ${missing.map((c: Record<string, unknown>) => c.name ?? '?').join(', ')} lacks a readiness or liveness probe`) : COMPLIANT;
  },
});
