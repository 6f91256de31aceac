import { cronJobCharges, kubernetesName } from '../kubernetes-workloads';
import { resourceType } from '../resource-type';

export const kubernetesCronJob = resourceType({
  type: 'kubernetes_cron_job',
  aliases: ['kubernetes_cron_job_v1'],
  catalog: { kind: 'workload', name: kubernetesName },
  usage: { jobRunMinutes: { default: 10, description: 'minutes one run of a scheduled job takes' } },
  pricing: { pricer: (r, { usage }) => cronJobCharges(r, usage.jobRunMinutes) },
});
