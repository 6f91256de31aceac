/**
 * catalog.json as written before version 2 (`groundwork.dev/v1`): one flat entity type for every
 * kind, and the platform's shared infrastructure (networks, alert topics, the pipeline) as
 * services of golden path `platform`. A pull request whose base was synthesized before v2 reads
 * its base catalog through this upgrade, so both sides count the same things as services.
 */
import { PLATFORM_GOLDEN_PATH } from '../../model/golden-path-metadata';
import { Catalog, CATALOG_API_VERSION, CatalogEntity } from './catalog-model';

export const CATALOG_V1_API_VERSION = 'groundwork.dev/v1';

/** A v1 entity: the v2 fields of its kind, and (services) the golden path that says whether it was one. */
type V1Entity = CatalogEntity & { readonly goldenPath?: string; description?: string; service?: string; services?: string[] };

/** A v1 catalog (valid against catalog/schema/catalog-v1.schema.json) as v2: platform services become what their resources already were. */
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
  return { ...v1, apiVersion: CATALOG_API_VERSION, summary: { ...v1.summary, services: upgraded.filter((e) => e.kind === 'service').length }, entities: upgraded };
}
