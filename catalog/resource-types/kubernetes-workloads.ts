import { cronProblem, runsPerMonth, timeZoneProblem } from '../../model/cron-schedule';
import { podRequests } from '../terraform/kubernetes-pods';
import { block, literal, ResourceRecord } from '../terraform/resource-index';
import { FARGATE_GB_HOUR, FARGATE_VCPU_HOUR } from './fargate';
import { HOURS_PER_MONTH, PriceResult, quantity } from './pricing';

/** A Kubernetes object's own name. */
export const kubernetesName = (r: ResourceRecord) => literal(block(r.body.metadata)?.name);

/** Requests per container summed over replicas: what the pods reserve on the nodes, at the Fargate x86 rate unless the usage file sets node prices. */
export function workloadCharges(r: ResourceRecord): PriceResult {
  const requests = podRequests(r);
  if (typeof requests === 'string') return { notPriced: requests };
  const { cpu, memory } = requests;
  const replicas = quantity(r, 'spec.replicas', block(r.body.spec)?.replicas, 1);
  return {
    charges: [
      { item: FARGATE_VCPU_HOUR.x86, quantity: replicas * cpu * HOURS_PER_MONTH, what: `${replicas} × ${cpu} vCPU requested` },
      { item: FARGATE_GB_HOUR.x86, quantity: replicas * memory * HOURS_PER_MONTH, what: `${replicas} × ${memory} GiB requested` },
    ],
  };
}

/** Each run reserves the job's requests for its run time: runs per month (from the schedule) × minutes per run. */
export function cronJobCharges(r: ResourceRecord, jobRunMinutes: number): PriceResult {
  const schedule = literal(block(r.body.spec)?.schedule);
  if (!schedule || cronProblem(schedule)) return { notPriced: `schedule ${JSON.stringify(block(r.body.spec)?.schedule)} is not a literal cron schedule` };
  const requests = podRequests(r);
  if (typeof requests === 'string') return { notPriced: requests };
  const { cpu, memory } = requests;
  const timeZone = literal(block(r.body.spec)?.timezone) ?? 'UTC';
  if (timeZoneProblem(timeZone)) return { notPriced: `time zone ${JSON.stringify(timeZone)} ${timeZoneProblem(timeZone)}` };
  const runs = runsPerMonth(schedule, timeZone);
  const hoursRun = Math.round(((runs * jobRunMinutes) / 60) * 100) / 100;
  return {
    charges: [
      { item: FARGATE_VCPU_HOUR.x86, quantity: hoursRun * cpu, what: `${runs} runs × ${jobRunMinutes} min × ${cpu} vCPU` },
      { item: FARGATE_GB_HOUR.x86, quantity: hoursRun * memory, what: `${runs} runs × ${jobRunMinutes} min × ${memory} GiB` },
    ],
  };
}
