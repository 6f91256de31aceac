import type { Catalog } from './catalog-model';
import catalogSchema from '../schema/catalog.schema.json';
import { GroundworkError } from '../../model/errors';
import { compile, schemaProblems } from '../../model/schema-validator';

const validate = compile<Catalog>(catalogSchema);

/** Checks a catalog against catalog/schema/catalog.schema.json; producer and consumers share it. */
export function assertValidCatalog(catalog: unknown, what = 'The catalog'): asserts catalog is Catalog {
  if (!validate(catalog)) {
    throw new GroundworkError(`${what} does not match catalog/schema/catalog.schema.json:`, schemaProblems(validate).slice(0, 20));
  }
}

/** Two entities with the same id would make relations ambiguous. */
export function duplicateIds(catalog: Catalog): string[] {
  const seen = new Set<string>();
  return catalog.entities.map((e) => e.id).filter((id) => (seen.has(id) ? true : (seen.add(id), false)));
}
