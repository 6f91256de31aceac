import { evaluate, isUnknown } from '../../../terraform/hcl-expression';
import { itemsOf as list, Json } from '../../../../model/json-object';
import { block } from '../../../terraform/resource-index';
import { podSpec } from '../../../terraform/kubernetes-pods';
import { WORKLOAD_TYPES } from '../../../resource-types/tables';
import { unknownAttribute } from '../../attributes';
import { COMPLIANT, defineRule, nonCompliant, RuleResult } from '../../rule';

/** A persistent volume backed by a host path is the node's file system too, for any pod that claims it. */
const PERSISTENT_VOLUMES = ['kubernetes_persistent_volume', 'kubernetes_persistent_volume_v1'];

function persistentVolume(body: Json): RuleResult {
  const sources = list(block(body.spec)?.persistent_volume_source);
  const host = sources.map((s) => block(s.host_path)).find((h) => h !== undefined);
  if (host) return nonCompliant(`is a hostPath persistent volume at ${JSON.stringify(typeof host.path === 'string' ? host.path : 'an unnamed path')}`);
  const dynamic = list(block(block(body.spec)?.dynamic)?.persistent_volume_source).some((d) => block(d.content)?.host_path !== undefined);
  return dynamic ? nonCompliant('is a hostPath persistent volume (in a dynamic persistent_volume_source)') : COMPLIANT;
}

export default defineRule(__filename, {
  rationale: 'A hostPath volume gives the pod the node’s file system: a path to every other pod’s data.',
  fix: 'Use an emptyDir, a persistent volume claim, a config map or a secret instead.',
  types: [...WORKLOAD_TYPES, ...PERSISTENT_VOLUMES],
  check: (r) => {
    if (PERSISTENT_VOLUMES.includes(r.type)) return persistentVolume(r.body);
    const pod = podSpec(r) ?? {};
    const volumes = evaluate(pod.volume);
    if (isUnknown(volumes)) return unknownAttribute('volume', volumes);
    // Anything but volume blocks (Terraform would refuse it) cannot be judged: fail closed.
    if (volumes !== undefined && volumes !== null && typeof volumes !== 'object') return nonCompliant(`has volume ${JSON.stringify(volumes)}, which is not a volume block, so its host paths cannot be judged`);
    // A dynamic "volume" block writes its content once per item: a host_path there is one too.
    const dynamic = list(block(pod.dynamic)?.volume).map((d) => block(d.content) ?? {});
    const host = [...list(pod.volume), ...dynamic].filter((v) => v.host_path !== undefined && v.host_path !== null);
    // Named by its name, else by its host path (a volume without a name is still a mount of the node).
    const label = (v: Record<string, unknown>) => (typeof v.name === 'string' ? v.name : `at ${JSON.stringify(block(v.host_path)?.path ?? 'an unnamed path')}`);
    return host.length ? nonCompliant(`mounts hostPath volume ${host.map(label).join(', ')}`) : COMPLIANT;
  },
});
