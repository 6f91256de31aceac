import { cpuCores, memoryGib } from './quantities';
import { block, Body, ResourceRecord } from './resource-index';

const list = (v: unknown): Body[] => (Array.isArray(v) ? v : v ? [v as Body] : []);

/** The pod spec of a workload, wherever its type keeps it. */
export function podSpec(r: ResourceRecord): Body | undefined {
  const spec = block(r.body.spec);
  if (!spec) return undefined;
  if (r.type.startsWith('kubernetes_pod')) return spec;
  if (r.type.startsWith('kubernetes_cron_job')) return block(block(block(block(spec.job_template)?.spec)?.template)?.spec);
  return block(block(spec.template)?.spec);
}

/** Containers and init containers of a workload. */
export function containers(r: ResourceRecord): Body[] {
  const pod = podSpec(r);
  return pod ? [...list(pod.container), ...list(pod.init_container)] : [];
}

/** What one pod reserves: the CPU (cores) and memory (GiB) requests of its main containers, or why they cannot be read. */
export function podRequests(r: ResourceRecord): { cpu: number; memory: number } | string {
  const main = list(podSpec(r)?.container);
  if (!main.length) return 'no containers';
  let cpu = 0;
  let memory = 0;
  for (const c of main) {
    const requests = block(block(c.resources)?.requests) ?? {};
    const cores = cpuCores(requests.cpu);
    const gib = memoryGib(requests.memory);
    if (cores === undefined || gib === undefined) return `container ${c.name ?? '?'} has no literal CPU and memory requests`;
    cpu += cores;
    memory += gib;
  }
  return { cpu, memory };
}

export const isLongRunning = (r: ResourceRecord) => !/_(job|cron_job)(_v1)?$/.test(r.type) && !r.type.startsWith('kubernetes_pod');
