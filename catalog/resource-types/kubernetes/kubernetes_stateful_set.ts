import { kubernetesName, workloadCharges } from '../kubernetes-workloads';
import { resourceType } from '../resource-type';

export const kubernetesStatefulSet = resourceType({
  type: 'kubernetes_stateful_set',
  aliases: ['kubernetes_stateful_set_v1'],
  catalog: { kind: 'workload', name: kubernetesName },
  scorecard: ['workload'],
  pricing: { pricer: workloadCharges },
});
