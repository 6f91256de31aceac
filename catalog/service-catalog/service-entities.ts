import { isAwsConsoleUrl } from '../../model/aws-console';
import { OrganisationMetadata, ServiceMetadata, WEB_LINK } from '../../model/golden-path-metadata';
import { groupBy } from '../../model/group-by';
import { compareText } from '../../model/stable-json';
import type { ResourceRecord } from '../terraform/resource-index';
import { DATA_STORE_KINDS, ResourceKind } from '../terraform/resource-kinds';
import type { TerraformConfiguration } from '../terraform/terraform-output';
import { EntityLink, entityId, ResourceEntity, ServiceEntity } from './catalog-model';
import { addEntity, addressOf, entityBase, EntityMap, majority, relate } from './entity-builder';
import { entityName } from './entity-names';
import { serviceEndpoints } from './service-endpoints';

/** Golden-path metadata per service; each stack carries what it knew, so what varies is united. */
export function serviceMetadata(configurations: readonly TerraformConfiguration[]): Map<string, ServiceMetadata> {
  const byName = new Map<string, ServiceMetadata>();
  for (const c of configurations) {
    for (const [name, meta] of Object.entries(c.metadata?.services ?? {})) {
      const seen = byName.get(name);
      // The GitHub stack knows the repository's links (docs, runbook, actions); the others do not.
      byName.set(
        name,
        seen
          ? {
              ...seen,
              ...meta,
              links: { ...seen.links, ...meta.links },
              environments: [...new Set([...seen.environments, ...meta.environments])].sort(),
              observability: { ...seen.observability, ...meta.observability },
            }
          : meta,
      );
    }
  }
  return byName;
}

function serviceLinks(meta: ServiceMetadata | undefined, repositoryUrl: string | undefined): EntityLink[] {
  const links: EntityLink[] = [];
  if (repositoryUrl) links.push({ title: 'Repository', url: repositoryUrl, type: 'repository' });
  for (const [type, title] of [['runbook', 'Runbook'], ['docs', 'Documentation'], ['adrs', 'Architecture decisions'], ['dashboard', 'Dashboard'], ['actions', 'Operations (restart, roll back, scale)']] as const) {
    const url = meta?.links[type];
    if (url && WEB_LINK.test(url)) links.push({ title, url, type });
  }
  // Console links come from the input's metadata: kept only where they point at a listed region's console.
  for (const [env, o] of Object.entries(meta?.observability ?? {}).sort(([a], [b]) => compareText(a, b))) {
    const candidates = [{ title: `Dashboard (${env})`, url: o.dashboard, type: 'dashboard' }, { title: `Alarms (${env})`, url: o.alarms, type: 'alarms' }, { title: `Logs (${env})`, url: o.logs, type: 'logs' }];
    links.push(...candidates.filter((l) => isAwsConsoleUrl(l.url)));
  }
  return links;
}

/**
 * Adds a service entity for every service named by golden-path metadata or by a resource's
 * ownership, related to its resource entities (data stores as dependencies, the rest as parts).
 * The platform's shared infrastructure (`platform`: names it is not a service) is left out.
 */
export function addServiceEntities(
  entities: EntityMap,
  metadata: ReadonlyMap<string, ServiceMetadata>,
  records: readonly ResourceRecord[],
  resources: readonly ResourceEntity[],
  organisation: OrganisationMetadata | undefined,
  platform: ReadonlySet<string>,
): ServiceEntity[] {
  const owned = groupBy(records, (r) => r.ownership.service);
  const partsBy = groupBy(resources, (r) => r.service);
  const added: ServiceEntity[] = [];
  for (const name of [...new Set([...metadata.keys(), ...owned.keys()])].sort()) {
    if (platform.has(name)) continue;
    const meta = metadata.get(name);
    const mine = owned.get(name) ?? [];
    const parts = partsBy.get(name) ?? [];
    const owner = meta?.owner ?? majority(mine.map((r) => r.ownership.owner));
    const costCenter = meta?.costCenter ?? majority(mine.map((r) => r.ownership['cost-center']));
    const repositoryUrl = meta?.repositoryUrl ?? parts.find((r) => r.type === 'repository')?.repositoryUrl;
    const endpoints = serviceEndpoints(meta?.observability, organisation);
    const e = addEntity<ServiceEntity>(entities, {
      ...entityBase('service', entityName(name), meta ? 'golden-path' : 'tags'),
      title: name,
      owner,
      costCenter,
      description: meta?.description,
      lifecycle: meta?.lifecycle ?? 'production',
      tier: meta?.tier,
      system: meta?.system,
      environments: meta ? [...meta.environments] : [...new Set(mine.map((r) => r.ownership.environment).filter((v): v is string => Boolean(v)))].sort(),
      repositoryUrl,
      tags: { ...(meta?.tags ?? {}), ...(owner ? { owner } : {}), service: name, ...(costCenter ? { 'cost-center': costCenter } : {}) },
      ...(meta ? { goldenPath: meta.goldenPath } : {}),
      ...(meta?.techdocsRef ? { techdocsRef: meta.techdocsRef } : {}),
      ...(meta?.operations?.length ? { operations: [...meta.operations] } : {}),
      links: serviceLinks(meta, repositoryUrl),
      ...(endpoints.length ? { endpoints } : {}),
      terraform: mine.map(addressOf),
    });
    if (e.owner) relate(e, 'ownedBy', entityId('team', e.owner));
    if (e.system) relate(e, 'partOf', entityId('system', entityName(e.system)));
    for (const part of parts) {
      const dataStore = DATA_STORE_KINDS.has(part.type as ResourceKind);
      relate(e, dataStore ? 'dependsOn' : 'hasPart', part.id);
      relate(part, dataStore ? 'dependencyOf' : 'partOf', e.id);
    }
    added.push(e);
  }
  // Calls between services (golden-path metadata), where both ends are services of the catalog.
  for (const e of added) {
    for (const callee of metadata.get(e.title ?? '')?.calls ?? []) {
      const target = entities.get(entityId('service', callee));
      if (!target || target === e || target.kind !== 'service') continue;
      relate(e, 'dependsOn', target.id);
      relate(target, 'dependencyOf', e.id);
    }
  }
  return added;
}
