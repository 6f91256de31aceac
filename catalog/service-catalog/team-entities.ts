import type { OrganisationMetadata } from '../../model/golden-path-metadata';
import { groupBy } from '../../model/group-by';
import { entityId, ServiceEntity, SystemEntity, TeamEntity } from './catalog-model';
import { addEntity, entityBase, EntityMap, majority, relate } from './entity-builder';
import { entityName } from './entity-names';

/** Adds a team entity for every team of the settings and every owner found on an entity. */
export function addTeamEntities(entities: EntityMap, organisation: OrganisationMetadata | undefined, services: readonly ServiceEntity[]): void {
  const owners = [...entities.values()].map((e) => ('owner' in e ? e.owner : undefined)).filter((o): o is string => Boolean(o));
  const servicesBy = groupBy(services, (s) => s.owner);
  for (const name of [...new Set([...Object.keys(organisation?.teams ?? {}), ...owners])].sort()) {
    const settings = organisation?.teams[name];
    const owned = servicesBy.get(name) ?? [];
    const e = addEntity<TeamEntity>(entities, {
      ...entityBase('team', entityName(name), settings ? 'settings' : 'tags'),
      title: settings?.displayName ?? name,
      description: settings?.description,
      email: settings?.email,
      slackChannel: settings?.slackChannel,
      services: owned.map((s) => s.name).sort(),
      costCenters: [...new Set([...(settings?.costCenters ?? []), ...owned.map((s) => s.costCenter).filter((c): c is string => Boolean(c))])].sort(),
    });
    for (const s of owned) relate(e, 'ownerOf', s.id);
  }
}

/** Adds a system entity for every system golden-path services declare, owned by most of its services' team. */
export function addSystemEntities(entities: EntityMap, services: readonly ServiceEntity[]): void {
  for (const [systemName, members] of [...groupBy(services, (s) => s.system)].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const e = addEntity<SystemEntity>(entities, {
      ...entityBase('system', entityName(systemName), 'golden-path'),
      title: systemName,
      owner: majority(members.map((s) => s.owner)),
      services: members.map((s) => s.name).sort(),
    });
    if (e.owner) relate(e, 'ownedBy', entityId('team', e.owner));
    for (const s of members) relate(e, 'hasPart', s.id);
  }
}
