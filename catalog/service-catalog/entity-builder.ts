import { compareText } from '../../model/stable-json';
import type { ResourceRecord } from '../terraform/resource-index';
import { CatalogEntity, EntityKind, entityId, RelationType, TerraformAddress } from './catalog-model';

/** The entities being built, by id; each part of the catalog adds its own. */
export type EntityMap = Map<string, CatalogEntity>;

export function addEntity(entities: EntityMap, kind: EntityKind, name: string, source: CatalogEntity['source']): CatalogEntity {
  const e: CatalogEntity = { kind, id: entityId(kind, name), name, source, tags: {}, links: [], relations: [], terraform: [] };
  entities.set(e.id, e);
  return e;
}

export function relate(entity: CatalogEntity, type: RelationType, target: string): void {
  if (!entity.relations.some((r) => r.type === type && r.target === target)) entity.relations.push({ type, target });
}

/** The most common value (ties: alphabetical), for facts resources may disagree on. */
export function majority(values: Array<string | undefined>): string | undefined {
  const counts = new Map<string, number>();
  for (const v of values) if (v) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || compareText(a[0], b[0]))[0]?.[0];
}

export const addressOf = (r: ResourceRecord): TerraformAddress => ({ stack: r.stack, address: r.address, ...(r.constructPath ? { constructPath: r.constructPath } : {}) });
