import { isAwsConsoleUrl } from '../../model/aws-console';
import { OrganisationMetadata, ServiceMetadata, WEB_LINK } from '../../model/golden-path-metadata';
import { groupBy } from '../../model/group-by';
import { compareText } from '../../model/stable-json';
import type { ResourceRecord } from '../terraform/resource-index';
import { DATA_STORE_KINDS, ResourceKind } from '../terraform/resource-kinds';
import type { TerraformConfiguration } from '../terraform/terraform-output';
import { CatalogEntity, EntityLink, entityId } from './catalog-model';
import { addEntity, addressOf, EntityMap, majority, relate } from './entity-builder';
import { entityName } from './entity-names';
import { serviceEndpoints } from './service-endpoints';

/** Golden-path metadata per service; each stack carries what it knew, so what varies is united. */
function serviceMetadata(configurations: readonly TerraformConfiguration[]): Map<string, ServiceMetadata> {
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
 */
export function addServiceEntities(entities: EntityMap, configurations: readonly TerraformConfiguration[], records: readonly ResourceRecord[], resources: readonly CatalogEntity[], organisation?: OrganisationMetadata): CatalogEntity[] {
  const metadata = serviceMetadata(configurations);
  const owned = groupBy(records, (r) => r.ownership.service);
  const partsBy = groupBy(resources, (r) => r.service);
  const added: CatalogEntity[] = [];
  for (const name of [...new Set([...metadata.keys(), ...owned.keys()])].sort()) {
    const meta = metadata.get(name);
    const mine = owned.get(name) ?? [];
    const parts = partsBy.get(name) ?? [];
    const e = addEntity(entities, 'service', entityName(name), meta ? 'golden-path' : 'tags');
    e.title = name;
    e.owner = meta?.owner ?? majority(mine.map((r) => r.ownership.owner));
    e.costCenter = meta?.costCenter ?? majority(mine.map((r) => r.ownership['cost-center']));
    e.description = meta?.description;
    e.lifecycle = meta?.lifecycle ?? 'production';
    e.tier = meta?.tier;
    e.system = meta?.system;
    e.environments = meta ? [...meta.environments] : [...new Set(mine.map((r) => r.ownership.environment).filter((v): v is string => Boolean(v)))].sort();
    e.repositoryUrl = meta?.repositoryUrl ?? parts.find((r) => r.type === 'repository')?.repositoryUrl;
    e.tags = { ...(meta?.tags ?? {}), ...(e.owner ? { owner: e.owner } : {}), service: name, ...(e.costCenter ? { 'cost-center': e.costCenter } : {}) };
    if (meta) e.goldenPath = meta.goldenPath;
    if (meta?.techdocsRef) e.techdocsRef = meta.techdocsRef;
    if (meta?.operations?.length) e.operations = [...meta.operations];
    e.links = serviceLinks(meta, e.repositoryUrl);
    const endpoints = serviceEndpoints(meta?.observability, organisation);
    if (endpoints.length) e.endpoints = endpoints;
    e.terraform = mine.map(addressOf);
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
