import { resourceType } from '../resource-type';

export const kubernetesPodDisruptionBudget = resourceType({
  type: 'kubernetes_pod_disruption_budget_v1',
  aliases: ['kubernetes_pod_disruption_budget'],
  scorecard: ['disruption-budget'],
  pricing: 'free',
});
