import { compareText } from '../../model/stable-json';
import { readResources } from '../terraform/ownership-inference';
import { notAnalysed as notAnalysedParts } from '../terraform/not-analysed';
import type { ResourceRecord } from '../terraform/resource-index';
import { organisationOf, TerraformConfiguration } from '../terraform/terraform-output';
import { Catalog, CATALOG_API_VERSION, EntityKind } from './catalog-model';
import { EntityMap } from './entity-builder';
import { addEnvironmentEntities } from './environment-entities';
import { addResourceEntities } from './resource-entities';
import { addPlatformResources, platformNames } from './platform-resources';
import { addServiceEntities, serviceMetadata } from './service-entities';
import { addSystemEntities, addTeamEntities } from './team-entities';

const KIND_ORDER: EntityKind[] = ['team', 'system', 'service', 'environment', 'resource'];

/**
 * Builds the catalog from Terraform JSON alone: resources and their ownership from tags, labels
 * and topics; descriptions, lifecycle and links from golden-path metadata where present.
 */
export function buildCatalog(configurations: readonly TerraformConfiguration[], records: readonly ResourceRecord[] = readResources(configurations)): Catalog {
  const organisation = organisationOf(configurations);
  const entities: EntityMap = new Map();
  const metadata = serviceMetadata(configurations);
  const platform = platformNames(metadata);
  const resources = addResourceEntities(entities, configurations, records);
  addPlatformResources(entities, metadata, platform, records, resources);
  const services = addServiceEntities(entities, metadata, records, resources, organisation, platform);
  addTeamEntities(entities, organisation, services);
  addSystemEntities(entities, services);
  addEnvironmentEntities(entities, organisation, records, services);

  const sorted = [...entities.values()].sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || compareText(a.name, b.name));
  for (const e of sorted) e.relations.sort((a, b) => compareText(a.type, b.type) || compareText(a.target, b.target));
  const count = (kind: EntityKind) => sorted.filter((e) => e.kind === kind).length;
  const notAnalysed = notAnalysedParts(configurations, records);
  return {
    apiVersion: CATALOG_API_VERSION,
    kind: 'Catalog',
    ...(organisation ? { organisation: organisation.name } : {}),
    sources: configurations.map((c) => ({ stack: c.stack, files: [...c.files] })),
    summary: {
      teams: count('team'),
      systems: count('system'),
      services: count('service'),
      environments: count('environment'),
      resources: count('resource'),
      terraformResources: records.length,
      unownedTerraformResources: records.filter((r) => !r.ownership.service).length,
    },
    entities: sorted,
    ...(notAnalysed.length ? { notAnalysed } : {}),
  };
}
