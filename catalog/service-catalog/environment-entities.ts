import { regionOrUnknown } from '../../model/aws-console';
import type { OrganisationMetadata } from '../../model/golden-path-metadata';
import { groupBy } from '../../model/group-by';
import type { ResourceRecord } from '../terraform/resource-index';
import { entityId } from './catalog-model';
import { addEntity, EntityMap, majority, relate } from './entity-builder';
import { entityName } from './entity-names';

/** Adds an environment entity for every environment of the settings and every environment ownership names. */
export function addEnvironmentEntities(entities: EntityMap, organisation: OrganisationMetadata | undefined, records: readonly ResourceRecord[]): void {
  const byEnvironment = groupBy(records, (r) => r.ownership.environment);
  for (const name of [...new Set([...Object.keys(organisation?.environments ?? {}), ...byEnvironment.keys()])].sort()) {
    const settings = organisation?.environments[name];
    const inEnvironment = byEnvironment.get(name) ?? [];
    const e = addEntity(entities, 'environment', entityName(name), settings ? 'settings' : 'tags');
    e.title = name;
    e.region = regionOrUnknown(settings?.region ?? majority(inEnvironment.map((r) => r.region)));
    e.production = settings?.production ?? /^prod/.test(name);
    e.owner = organisation?.platformTeam;
    e.stacks = [...new Set(inEnvironment.map((r) => r.stack))].sort();
    e.services = [...new Set(inEnvironment.map((r) => r.ownership.service).filter((s): s is string => Boolean(s)))].sort();
    if (e.owner) relate(e, 'ownedBy', entityId('team', e.owner));
  }
}
