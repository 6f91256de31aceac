import { evaluate, isUnknown } from '../../../terraform/hcl-expression';
import { block } from '../../../terraform/resource-index';
import { podSpec, WORKLOAD_TYPES } from '../../../terraform/kubernetes-pods';
import { unknownAttribute } from '../../attributes';
import { COMPLIANT, defineRule, nonCompliant } from '../../rule';

type Json = Record<string, unknown>;
const list = (v: unknown): Json[] => (Array.isArray(v) ? v : v && typeof v === 'object' ? [v as Json] : []);

export default defineRule(__filename, {
  rationale: 'A hostPath volume gives the pod the node’s file system: a path to every other pod’s data.',
  fix: 'Use an emptyDir, a persistent volume claim, a config map or a secret instead.',
  types: WORKLOAD_TYPES,
  check: (r) => {
    const pod = podSpec(r) ?? {};
    const volumes = evaluate(pod.volume);
    if (isUnknown(volumes)) return unknownAttribute('volume', volumes);
    // A dynamic "volume" block writes its content once per item: a host_path there is one too.
    const dynamic = list(block(pod.dynamic)?.volume).map((d) => block(d.content) ?? {});
    const host = [...list(pod.volume), ...dynamic].filter((v) => v.host_path !== undefined && v.host_path !== null);
    return host.length ? nonCompliant(`mounts hostPath volume ${host.map((v) => String(v.name ?? '?')).join(', ')}`) : COMPLIANT;
  },
});
