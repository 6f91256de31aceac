/**
 * Adding a data store (a database, a queue, a bucket) to a service: one prop written into its
 * file in stacks/services by ops's own edit (service-operations.ts, through the TypeScript
 * compiler's parse), the value checked by the golden path's own option rule, and the edited
 * service built as synth builds it before anything is proposed. Bad input changes nothing.
 */
import { GroundworkError } from '../model/errors';
import { storeOptions } from '../golden-paths/golden-path-definition';
import { propValueProblem } from '../golden-paths/props-validation';
import { DefinitionChange, change, findService, literalProp, setProp } from './service-operations';

/** Every data store some golden path offers, by its new-service flag. */
export const DATA_STORES = storeOptions(true).map((o) => o.flag) as [string, ...string[]];

/** The database sizes, as the golden paths' database option lists them. */
export const DATABASE_SIZES = storeOptions(true).find((o) => o.flag === 'database')!.choices! as [string, ...string[]];

const refuse = (sentence: string): never => {
  throw new GroundworkError(sentence);
};

/** Plans writing `<store>: true` (or `database: { size }`) into the service's props; refused where its golden path does not offer the store or it has one. */
export function planAddDataStore(root: string, name: string, store: string, size?: string): DefinitionChange {
  const service = findService(root, name);
  const offered = service.definition.options.filter((o) => DATA_STORES.includes(o.flag));
  const option = offered.find((o) => o.flag === store);
  if (!option) {
    refuse(`Service "${name}" (${service.definition.name}) cannot be given a ${store}: its golden path offers ${offered.length ? offered.map((o) => o.flag).join(', ') : 'no data stores'} as options.`);
  }
  if (size !== undefined && !option!.objectKey) refuse(`A size applies to a database only, not to a ${store}.`);
  const current = literalProp(service, option!.prop)?.value;
  if (current !== undefined && current !== false) refuse(`Service "${name}" already has a ${store} (${option!.prop} in ${service.file}); change it by hand.`);
  const value = option!.objectKey ? { [option!.objectKey]: size ?? option!.choices![0] } : true;
  const problem = propValueProblem(option!, value);
  if (problem) refuse(`The ${store} of ${name} ${problem} (the ${service.definition.name} golden path's rule).`);
  const valueText = typeof value === 'object' ? `{ ${option!.objectKey}: '${value[option!.objectKey!]}' }` : 'true';
  const edit = setProp(service, option!.prop, valueText);
  const what = `${option!.prop}: ${valueText}`;
  return change(root, service, edit, what, `${name}: ${what} (${option!.description})`, `data-store/${name}-${store}`, `Add a ${store} to ${name}`);
}
