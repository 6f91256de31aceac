import { kubernetesName } from '../kubernetes-workloads';
import { resourceType } from '../resource-type';

export const kubernetesJob = resourceType({
  type: 'kubernetes_job',
  aliases: ['kubernetes_job_v1'],
  catalog: { kind: 'workload', name: kubernetesName },
  pricing: 'not priced',
});
