import type { Catalog } from './catalog-model';

/** Two entities with the same id would make relations ambiguous. */
export function duplicateIds(catalog: Catalog): string[] {
  const seen = new Set<string>();
  return catalog.entities.map((e) => e.id).filter((id) => (seen.has(id) ? true : (seen.add(id), false)));
}
