import { regionOrUnknown } from '../../model/aws-console';
import type { OrganisationMetadata } from '../../model/golden-path-metadata';
import { groupBy } from '../../model/group-by';
import type { ResourceRecord } from '../terraform/resource-index';
import { EnvironmentEntity, entityId, ServiceEntity } from './catalog-model';
import { addEntity, entityBase, EntityMap, majority, relate } from './entity-builder';
import { entityName } from './entity-names';

/** Adds an environment entity for every environment of the settings and every environment ownership names; its services are the service entities with resources in it. */
export function addEnvironmentEntities(entities: EntityMap, organisation: OrganisationMetadata | undefined, records: readonly ResourceRecord[], services: readonly ServiceEntity[]): void {
  const byEnvironment = groupBy(records, (r) => r.ownership.environment);
  const serviceNames = new Set(services.map((s) => s.title ?? s.name));
  for (const name of [...new Set([...Object.keys(organisation?.environments ?? {}), ...byEnvironment.keys()])].sort()) {
    const settings = organisation?.environments[name];
    const inEnvironment = byEnvironment.get(name) ?? [];
    const e = addEntity<EnvironmentEntity>(entities, {
      ...entityBase('environment', entityName(name), settings ? 'settings' : 'tags'),
      title: name,
      region: regionOrUnknown(settings?.region ?? majority(inEnvironment.map((r) => r.region))),
      production: settings?.production ?? /^prod/.test(name),
      owner: organisation?.platformTeam,
      stacks: [...new Set(inEnvironment.map((r) => r.stack))].sort(),
      services: [...new Set(inEnvironment.map((r) => r.ownership.service).filter((s): s is string => Boolean(s) && serviceNames.has(s!)))].sort(),
    });
    if (e.owner) relate(e, 'ownedBy', entityId('team', e.owner));
  }
}
