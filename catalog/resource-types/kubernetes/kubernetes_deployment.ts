import { kubernetesName, workloadCharges } from '../kubernetes-workloads';
import { resourceType } from '../resource-type';

export const kubernetesDeployment = resourceType({
  type: 'kubernetes_deployment',
  aliases: ['kubernetes_deployment_v1'],
  catalog: { kind: 'workload', name: kubernetesName },
  scorecard: ['workload'],
  pricing: { pricer: workloadCharges },
  // The node capacity pods reserve, priced per vCPU-hour and GiB-hour (Fargate's rates unless the usage file overrides them).
  priceItems: [
    { key: 'kubernetes.vcpu.hour', unit: 'vCPU-Hrs', offer: () => ({ offerCode: 'AmazonECS', productFamily: 'Compute', usagetype: 'Fargate-vCPU-Hours:perCPU', unit: 'hours' }) },
    { key: 'kubernetes.gib.hour', unit: 'GB-Hrs', offer: () => ({ offerCode: 'AmazonECS', productFamily: 'Compute', usagetype: 'Fargate-GB-Hours', unit: 'hours' }) },
  ],
});
