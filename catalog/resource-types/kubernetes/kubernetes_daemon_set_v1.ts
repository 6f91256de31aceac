import { kubernetesName } from '../kubernetes-workloads';
import { resourceType } from '../resource-type';

export const kubernetesDaemonSet = resourceType({
  type: 'kubernetes_daemon_set_v1',
  aliases: ['kubernetes_daemonset'],
  catalog: { kind: 'workload', name: kubernetesName },
  pricing: 'not priced',
});
