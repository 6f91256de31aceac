import { compareText } from '../../model/stable-json';
import type { ResourceRecord } from '../terraform/resource-index';
import { CatalogEntity, EntityKind, entityId, EntityLink, EntityRelation, RelationType, TerraformAddress } from './catalog-model';

/** The entities being built, by id; each part of the catalog adds its own. */
export type EntityMap = Map<string, CatalogEntity>;

/** What every entity starts with: its kind, id and name, where it was learnt, and empty lists. */
export function entityBase<K extends EntityKind>(kind: K, name: string, source: CatalogEntity['source']) {
  return { kind, id: entityId(kind, name), name, source, tags: {} as Record<string, string>, links: [] as EntityLink[], relations: [] as EntityRelation[], terraform: [] as TerraformAddress[] };
}

/** Adds an entity, complete with the fields of its kind; returns it. */
export function addEntity<E extends CatalogEntity>(entities: EntityMap, entity: E): E {
  entities.set(entity.id, entity);
  return entity;
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
