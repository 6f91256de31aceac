import { podSpec, WORKLOAD_TYPES } from '../../../terraform/kubernetes-pods';
import { COMPLIANT, defineRule, nonCompliant } from '../../rule';

export default defineRule(__filename, {
  rationale: 'A hostPath volume gives the pod the node’s file system: a path to every other pod’s data.',
  fix: 'Use an emptyDir, a persistent volume claim, a config map or a secret instead.',
  types: WORKLOAD_TYPES,
  check: (r) => {
    const volumes = podSpec(r)?.volume;
    const host = (Array.isArray(volumes) ? volumes : volumes ? [volumes] : []).filter((v: Record<string, unknown>) => v.host_path);
    return host.length ? nonCompliant(`mounts hostPath volume ${host.map((v: Record<string, unknown>) => v.name ?? '?').join(', ')}`) : COMPLIANT;
  },
});
