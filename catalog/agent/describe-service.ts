import { GroundworkError } from '../../model/errors';
import type { CostReport } from '../cost/report';
import type { Finding } from '../policy/engine';
import type { Scorecard } from '../policy/scorecards';
import type { EntityLink } from '../service-catalog/catalog-model';
import { DATA_STORE_KINDS, ResourceKind } from '../terraform/resource-kinds';
import type { LastAnalysis } from './last-analysis';
import { runbookOf, RUNBOOK_FILE } from './runbooks';

export interface DataStore {
  readonly name: string;
  readonly type: string;
  readonly environment: string | null;
  readonly region: string | null;
  readonly monthlyUsd: number | null;
  /** Other services that depend on the same store. */
  readonly sharedWith: string[];
}

export interface ServiceDescription {
  readonly name: string;
  readonly description: string | null;
  readonly owner: string | null;
  readonly team: { name: string; displayName: string | null; email: string | null; slackChannel: string | null } | null;
  readonly costCenter: string | null;
  readonly system: string | null;
  readonly lifecycle: string | null;
  readonly tier: number | null;
  readonly goldenPath: string | null;
  readonly environments: string[];
  readonly operations: string[];
  readonly tags: Record<string, string>;
  readonly links: EntityLink[];
  readonly dataStores: DataStore[];
  /** Services this one depends on, and services depending on it (directly or through a shared store). */
  readonly dependsOn: string[];
  readonly dependedOnBy: string[];
  readonly monthlyUsd: number | null;
  readonly costLines: CostReport['resources'];
  readonly findings: Finding[];
  readonly scorecard: Scorecard | null;
  readonly runbook: { file: string; url: string | null; markdown: string | null };
}

const id = (target: string) => target.slice(target.indexOf(':') + 1);

/** Everything the last analysis knows about one service, each fact from the report that owns it. */
export function describeService(analysis: LastAnalysis, name: string): ServiceDescription {
  const service = analysis.entity('service', name);
  if (!service) {
    throw new GroundworkError(`Service "${name}" is not in the last analysis (known: ${analysis.entities('service').map((s) => s.name).join(', ')}).`);
  }
  const team = service.owner ? analysis.entity('team', service.owner) : undefined;
  const targets = (type: string) => service.relations.filter((r) => r.type === type).map((r) => r.target);
  const stores = targets('dependsOn')
    .filter((t) => t.startsWith('resource:'))
    .map((t) => analysis.entity('resource', id(t)))
    .filter((r) => r !== undefined && DATA_STORE_KINDS.has(r.type as ResourceKind));
  const users = (store: string) =>
    analysis
      .entity('resource', store)!
      .relations.filter((r) => r.type === 'dependencyOf' && r.target.startsWith('service:'))
      .map((r) => id(r.target));
  const dataStores = stores.map((r) => ({
    name: r!.name,
    type: r!.type!,
    environment: r!.environment ?? null,
    region: r!.region ?? null,
    monthlyUsd: r!.cost?.monthlyUsd ?? null,
    sharedWith: users(r!.name).filter((s) => s !== name),
  }));
  const services = (list: string[]) => [...new Set(list.filter((t) => t.startsWith('service:')).map(id))].sort();
  const sharing = dataStores.flatMap((s) => s.sharedWith.map((other) => `service:${other}`));
  return {
    name,
    description: service.description ?? null,
    owner: service.owner ?? null,
    team: team ? { name: team.name, displayName: team.title ?? null, email: team.email ?? null, slackChannel: team.slackChannel ?? null } : null,
    costCenter: service.costCenter ?? null,
    system: service.system ?? null,
    lifecycle: service.lifecycle ?? null,
    tier: service.tier ?? null,
    goldenPath: service.goldenPath ?? null,
    environments: service.environments ?? [],
    operations: service.operations ?? [],
    tags: service.tags,
    links: service.links,
    dataStores,
    dependsOn: services(targets('dependsOn')),
    dependedOnBy: services([...targets('dependencyOf'), ...sharing]),
    monthlyUsd: service.cost?.monthlyUsd ?? null,
    costLines: analysis.cost.resources.filter((r) => r.service === name),
    findings: analysis.policy.findings.filter((f) => f.service === name),
    scorecard: analysis.policy.scorecards.find((c) => c.service === name) ?? null,
    runbook: { file: RUNBOOK_FILE, url: service.links.find((l) => l.type === 'runbook')?.url ?? null, markdown: runbookOf(analysis, name) ?? null },
  };
}
