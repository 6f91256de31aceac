import { kubernetesName, workloadCharges } from '../kubernetes-workloads';
import { resourceType } from '../resource-type';

export const kubernetesDeployment = resourceType({
  type: 'kubernetes_deployment',
  aliases: ['kubernetes_deployment_v1'],
  catalog: { kind: 'workload', name: kubernetesName },
  scorecard: ['workload'],
  pricing: { pricer: workloadCharges },
});
