/**
 * catalog.json as written before version 2 (`groundwork.dev/v1`): one flat entity type for every
 * kind, and the platform's shared infrastructure (networks, alert topics, the pipeline) as
 * services of golden path `platform`. A pull request whose base was synthesized before v2 reads
 * its base catalog through this upgrade, so both sides count the same things as services.
 */
import { PLATFORM_GOLDEN_PATH } from '../../model/golden-path-metadata';
import { Catalog, CATALOG_API_VERSION, CatalogEntity, entityId, PLATFORM_RESOURCE, ResourceEntity } from './catalog-model';
import { entityName } from './entity-names';

export const CATALOG_V1_API_VERSION = 'groundwork.dev/v1';

/** A v1 entity: the v2 fields of its kind, and (services) the golden path that says whether it was one. */
type V1Entity = CatalogEntity & { readonly goldenPath?: string; description?: string; service?: string; services?: string[] };

/**
 * A v1 catalog (valid against catalog/schema/catalog-v1.schema.json) as v2: platform services
 * become what their resources already were, and the addresses no resource held (the pipeline's
 * roles) one `platform` resource each, as v2 has them (per environment there; v1 does not say which).
 */
export function upgradeCatalogV1(v1: Omit<Catalog, 'apiVersion'> & { readonly apiVersion: typeof CATALOG_V1_API_VERSION }): Catalog {
  const entities = v1.entities as V1Entity[];
  const platform = new Map(entities.filter((e) => e.kind === 'service' && e.goldenPath === PLATFORM_GOLDEN_PATH).map((e) => [e.id, e]));
  const platformNames = new Set([...platform.values()].map((e) => e.title ?? e.name));
  const upgraded: CatalogEntity[] = [];
  for (const e of entities) {
    if (platform.has(e.id)) continue;
    const copy: V1Entity = { ...e, relations: e.relations.filter((r) => !platform.has(r.target)) };
    if (copy.kind === 'resource' && copy.service !== undefined && platformNames.has(copy.service)) {
      copy.description ??= [...platform.values()].find((p) => (p.title ?? p.name) === copy.service)?.description;
      copy.source = 'golden-path';
      delete copy.service;
    }
    if ((copy.kind === 'team' || copy.kind === 'environment') && copy.services) copy.services = copy.services.filter((s) => !platformNames.has(s));
    upgraded.push(copy);
  }
  const held = new Set(entities.flatMap((e) => (e.kind === 'resource' ? e.terraform.map((t) => `${t.stack}/${t.address}`) : [])));
  for (const p of platform.values()) {
    const rest = p.terraform.filter((t) => !held.has(`${t.stack}/${t.address}`));
    const name = entityName(`${p.title ?? p.name}-${PLATFORM_RESOURCE}`);
    if (!rest.length || upgraded.some((e) => e.id === entityId('resource', name))) continue;
    const owner = p.kind === 'service' ? p.owner : undefined;
    const resource: ResourceEntity = { kind: 'resource', id: entityId('resource', name), name, source: 'golden-path', type: PLATFORM_RESOURCE, title: p.title ?? p.name, description: p.description, tags: p.tags, owner, costCenter: p.kind === 'service' ? p.costCenter : undefined, terraform: rest, links: [], relations: owner ? [{ type: 'ownedBy', target: entityId('team', owner) }] : [] };
    upgraded.push(resource);
  }
  const count = (kind: CatalogEntity['kind']) => upgraded.filter((e) => e.kind === kind).length;
  return { ...v1, apiVersion: CATALOG_API_VERSION, summary: { ...v1.summary, services: count('service'), resources: count('resource') }, entities: upgraded };
}
