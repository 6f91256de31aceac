import { isUnknown, Unknown } from '../../../terraform/hcl-expression';
import { block } from '../../../terraform/resource-index';
import { containers, podSpec } from '../../../terraform/kubernetes-pods';
import { WORKLOAD_TYPES } from '../../../resource-types/tables';
import { boolAttribute, unknownAttribute } from '../../attributes';
import { COMPLIANT, defineRule, nonCompliant } from '../../rule';

export default defineRule(__filename, {
  rationale: 'A privileged container is root on the node, with every device and capability.',
  fix: 'Remove privileged = true; grant the one capability needed instead, if any.',
  types: WORKLOAD_TYPES,
  check: (r) => {
    const privileged: string[] = [];
    let unknown: [string, Unknown] | undefined;
    for (const c of containers(r)) {
      const value = boolAttribute(block(c.security_context)?.privileged);
      if (isUnknown(value)) unknown ??= [`privileged of container ${c.name ?? '?'}`, value];
      else if (value) privileged.push(String(c.name ?? '?'));
    }
    const pod = podSpec(r) ?? {};
    const hostAccess: string[] = [];
    for (const k of ['host_pid', 'host_ipc', 'host_network']) {
      const value = boolAttribute(pod[k]);
      if (isUnknown(value)) unknown ??= [k, value];
      else if (value) hostAccess.push(k);
    }
    if (privileged.length) return nonCompliant(`container ${privileged.join(', ')} runs privileged`);
    if (hostAccess.length) return nonCompliant(`shares the node's ${hostAccess.join(', ').replace(/host_/g, '')} namespace`);
    return unknown ? unknownAttribute(...unknown) : COMPLIANT;
  },
});
