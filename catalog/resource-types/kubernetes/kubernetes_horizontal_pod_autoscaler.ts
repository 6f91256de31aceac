import { resourceType } from '../resource-type';

export const kubernetesHorizontalPodAutoscaler = resourceType({
  type: 'kubernetes_horizontal_pod_autoscaler',
  aliases: ['kubernetes_horizontal_pod_autoscaler_v1', 'kubernetes_horizontal_pod_autoscaler_v2'],
  scorecard: ['autoscaler'],
  pricing: 'free',
});
