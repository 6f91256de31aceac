import { regionOrUnknown } from '../../model/aws-console';
import { PLATFORM_GOLDEN_PATH, ServiceMetadata } from '../../model/golden-path-metadata';
import { groupBy } from '../../model/group-by';
import { compareText } from '../../model/stable-json';
import { ResourceRecord, resourceKey } from '../terraform/resource-index';
import { entityId, PLATFORM_RESOURCE, ResourceEntity } from './catalog-model';
import { addEntity, addressOf, EntityMap, majority, relate } from './entity-builder';
import { entityName } from './entity-names';

/** Names the golden-path metadata gives the platform's shared infrastructure (the networks, each team's alert topics, the pipeline). */
export function platformNames(metadata: ReadonlyMap<string, ServiceMetadata>): Set<string> {
  return new Set([...metadata].filter(([, m]) => m.goldenPath === PLATFORM_GOLDEN_PATH).map(([name]) => name));
}

/** The tags every record tagged with its service carries with the same value (a role policy inherits its role's ownership, but has only the provider's tags). */
function sharedTags(records: readonly ResourceRecord[]): Record<string, string> {
  const tagged = records.filter((r) => r.tags.service !== undefined);
  const [first, ...rest] = tagged.length ? tagged : records;
  return Object.fromEntries(Object.entries(first.tags).filter(([k, v]) => rest.every((r) => r.tags[k] === v)));
}

/**
 * The platform's shared infrastructure as what it is: resources of their owners, not services.
 * Its resource entities (a network, an alert topic) lose the service they named and gain the
 * description its metadata gives (so the golden path `platform` describes them); what no resource entity holds (the pipeline's OIDC provider
 * and roles) becomes one `platform` resource per environment, so every address stays in the catalog.
 * Returns the resources added.
 */
export function addPlatformResources(entities: EntityMap, metadata: ReadonlyMap<string, ServiceMetadata>, platform: ReadonlySet<string>, records: readonly ResourceRecord[], resources: readonly ResourceEntity[]): ResourceEntity[] {
  const held = new Set(resources.flatMap((e) => e.terraform.map(resourceKey)));
  for (const e of resources) {
    if (!e.service || !platform.has(e.service)) continue;
    e.description ??= metadata.get(e.service)?.description;
    e.source = 'golden-path';
    e.service = undefined;
  }
  const added: ResourceEntity[] = [];
  for (const name of [...platform].sort(compareText)) {
    const meta = metadata.get(name)!;
    const rest = records.filter((r) => r.ownership.service === name && !held.has(resourceKey(r)));
    for (const [environment, group] of [...groupBy(rest, (r) => r.ownership.environment ?? r.stack)].sort(([a], [b]) => compareText(a, b))) {
      let entity = entityName(`${name}-${environment}`);
      if (entities.has(entityId('resource', entity))) entity = entityName(`${entity}-${PLATFORM_RESOURCE}`);
      const sorted = [...group].sort((a, b) => compareText(a.stack, b.stack) || compareText(a.address, b.address));
      const region = majority(sorted.map((r) => r.region));
      const e = addEntity<ResourceEntity>(entities, {
        kind: 'resource',
        id: entityId('resource', entity),
        name: entity,
        source: 'golden-path',
        type: PLATFORM_RESOURCE,
        title: name,
        description: meta.description,
        tags: sharedTags(sorted),
        owner: meta.owner,
        service: undefined,
        environment: sorted[0].ownership.environment,
        costCenter: meta.costCenter,
        region: region === undefined ? undefined : regionOrUnknown(region),
        terraform: sorted.map(addressOf),
        links: [],
        repositoryUrl: undefined,
        relations: [],
      });
      relate(e, 'ownedBy', entityId('team', meta.owner));
      added.push(e);
    }
  }
  return added;
}
