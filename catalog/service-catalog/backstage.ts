import { dump } from 'js-yaml';
import { Catalog, CatalogEntity, isKind, ServiceEntity } from './catalog-model';
import { entityName } from './entity-names';
import { GroundworkError } from '../../model/errors';
import { groupBy } from '../../model/group-by';
import { compareText } from '../../model/stable-json';

/** A Backstage catalog entity (backstage.io/v1alpha1). */
export interface BackstageEntity {
  apiVersion: 'backstage.io/v1alpha1';
  kind: 'Group' | 'System' | 'Component' | 'Resource' | 'Location';
  metadata: {
    name: string;
    title?: string;
    description?: string;
    tags?: string[];
    annotations?: Record<string, string>;
    links?: Array<{ url: string; title: string; type?: string }>;
  };
  spec: Record<string, unknown>;
}

export const UNOWNED_GROUP = 'unowned';

/** YAML as people write it: no line folding, no anchors (js-yaml: several times faster than alternatives at 4,000 entities). */
const toYaml = (value: unknown) => dump(value, { lineWidth: -1, noRefs: true });
const ANNOTATION_PREFIX = 'groundwork.dev';
const TAG = /^[a-z0-9:+#]+(-[a-z0-9:+#]+)*$/;

const group = (team: string | undefined) => `group:default/${entityName(team ?? UNOWNED_GROUP)}`;
const refOf = (id: string) => {
  const [kind, name] = id.split(':');
  const backstageKind = { team: 'group', system: 'system', service: 'component', environment: 'resource', resource: 'resource' }[kind];
  return `${backstageKind}:default/${kind === 'environment' ? `environment-${name}` : name}`;
};

/** Ownership as Backstage tags (`owner-payments`): lowercase key-value pairs that fit Backstage's tag rule. */
function tagsOf(e: CatalogEntity): string[] | undefined {
  const tags = Object.entries(e.tags)
    .map(([k, v]) => `${k}-${v}`.toLowerCase().replace(/[^a-z0-9:+#-]+/g, '-'))
    .filter((t) => t.length <= 63 && TAG.test(t));
  if (e.kind === 'service' && e.tier) tags.push(`tier-${e.tier}`);
  return tags.length ? [...new Set(tags)].sort() : undefined;
}

const endpointsOf = (e: CatalogEntity) => (e.kind === 'service' ? (e.endpoints ?? []) : []);

/** The name part of an annotation key Backstage accepts (`<prefix>/<name>`). */
const ANNOTATION_NAME = /^[a-z0-9]([-a-z0-9_.]*[a-z0-9])?$/i;
const annotationName = (name: string) => ANNOTATION_NAME.test(name) && name.length <= 63;

/** Exposure and service level objectives per environment, as annotations (Backstage's spec of a Component has no field for them). */
function endpointAnnotations(e: CatalogEntity): Record<string, string> {
  const annotations: Record<string, string> = {};
  for (const { environment, exposure, slo } of endpointsOf(e)) {
    const values: Array<[string, string | number | undefined]> = [
      [`exposure-${environment}`, exposure],
      [`slo-${environment}-availability`, slo?.availability],
      [`slo-${environment}-latency-threshold-ms`, slo?.latency?.thresholdMs],
      [`slo-${environment}-latency-percent`, slo?.latency?.percent],
    ];
    for (const [name, value] of values) if (value !== undefined && annotationName(name)) annotations[`${ANNOTATION_PREFIX}/${name}`] = String(value);
  }
  return annotations;
}

function annotationsOf(e: CatalogEntity): Record<string, string> {
  const annotations: Record<string, string> = {};
  for (const [k, v] of Object.entries(e.tags).sort(([a], [b]) => compareText(a, b))) {
    if (annotationName(k)) annotations[`${ANNOTATION_PREFIX}/${k}`] = v;
  }
  Object.assign(annotations, endpointAnnotations(e));
  const stacks = [...new Set(e.terraform.map((t) => t.stack))].sort();
  if (stacks.length) annotations[`${ANNOTATION_PREFIX}/terraform-stacks`] = stacks.join(',');
  const github = ('repositoryUrl' in e ? e.repositoryUrl : undefined)?.match(/^https:\/\/github\.com\/([^/]+\/[^/]+)$/);
  if (github) annotations['github.com/project-slug'] = github[1];
  if (e.kind === 'service') annotations['backstage.io/kubernetes-id'] = e.name;
  if (e.kind === 'service' && e.techdocsRef) annotations['backstage.io/techdocs-ref'] = e.techdocsRef;
  return annotations;
}

function metadataOf(e: CatalogEntity, name = e.name): BackstageEntity['metadata'] {
  const tags = tagsOf(e);
  const annotations = annotationsOf(e);
  // Where the service answers comes first: the link people follow most.
  const endpointLinks = endpointsOf(e).flatMap((p) => (p.url ? [{ url: p.url, title: `${p.environment} (${p.exposure})`, type: 'website' }] : []));
  const links = [...endpointLinks, ...e.links.map((l) => ({ url: l.url, title: l.title, type: l.type }))];
  return {
    name,
    ...(e.title && e.title !== name ? { title: e.title } : {}),
    ...(e.description ? { description: e.description } : {}),
    ...(tags ? { tags } : {}),
    ...(Object.keys(annotations).length ? { annotations } : {}),
    ...(links.length ? { links } : {}),
  };
}

const targets = (e: CatalogEntity, type: string) => e.relations.filter((r) => r.type === type).map((r) => refOf(r.target));

function toBackstage(e: CatalogEntity, services: ReadonlyMap<string, ServiceEntity>): BackstageEntity {
  // apiVersion written out in each: a spread of a shared base would give every entity a hidden class of its own (model/shared-shape.ts).
  const apiVersion = 'backstage.io/v1alpha1' as const;
  switch (e.kind) {
    case 'team':
      return {
        apiVersion,
        kind: 'Group',
        metadata: metadataOf(e),
        spec: { type: 'team', profile: { displayName: e.title ?? e.name, ...(e.email ? { email: e.email } : {}) }, children: [] },
      };
    case 'system':
      return { apiVersion, kind: 'System', metadata: metadataOf(e), spec: { owner: group(e.owner) } };
    case 'service':
      return {
        apiVersion,
        kind: 'Component',
        metadata: metadataOf(e),
        spec: {
          type: 'service',
          lifecycle: e.lifecycle ?? 'production',
          owner: group(e.owner),
          ...(e.system ? { system: entityName(e.system) } : {}),
          ...(targets(e, 'dependsOn').length ? { dependsOn: targets(e, 'dependsOn') } : {}),
        },
      };
    case 'environment':
      return { apiVersion, kind: 'Resource', metadata: metadataOf(e, `environment-${e.name}`), spec: { type: 'environment', owner: group(e.owner) } };
    case 'resource': {
      const service = e.service ? services.get(e.service) : undefined;
      const dependencyOf = [...targets(e, 'dependencyOf'), ...targets(e, 'partOf')];
      return {
        apiVersion,
        kind: 'Resource',
        metadata: metadataOf(e),
        spec: {
          type: e.type ?? 'resource',
          owner: group(e.owner),
          ...(service?.system ? { system: entityName(service.system) } : {}),
          ...(dependencyOf.length ? { dependencyOf } : {}),
        },
      };
    }
  }
}

/**
 * Backstage keeps one entity per kind and name, compared without regard to case: two catalog
 * entities that would share one are refused, not one of them lost.
 */
function refuseSharedNames(catalogEntities: readonly CatalogEntity[], entities: readonly BackstageEntity[]): void {
  const first = new Map<string, { id: string; name: string }>();
  entities.forEach((entity, i) => {
    const key = `${entity.kind}:${entity.metadata.name}`.toLowerCase();
    const other = first.get(key);
    const names = other && other.name !== entity.metadata.name ? `"${other.name}" and "${entity.metadata.name}"` : `"${entity.metadata.name}"`;
    if (other) throw new GroundworkError(`Backstage export: the catalog entities "${other.id}" and "${catalogEntities[i].id}" would both be the Backstage ${entity.kind} ${names} (Backstage keeps one entity per kind and name, whatever the case); rename one of them.`);
    first.set(key, { id: catalogEntities[i].id, name: entity.metadata.name });
  });
}

/**
 * Backstage entities for every catalog entity, one multi-document YAML file per kind
 * (`components.yaml`, ...), plus a Location (`catalog-info.yaml`) listing those files so that
 * Backstage can ingest the folder with one registration. One file per kind rather than per
 * entity: Backstage reads every document of a target, and reads each target separately (from
 * GitHub, one API request each: thousands of entities would be thousands of requests per refresh).
 * Returns file name -> YAML, in parts: each document is made as it is written (a large plan's
 * resources.yaml is never one string).
 */
export function backstageFiles(catalog: Catalog): Map<string, Iterable<string>> {
  const services = new Map(catalog.entities.filter(isKind('service')).map((e) => [e.name, e]));
  const entities = catalog.entities.map((e) => toBackstage(e, services));
  refuseSharedNames(catalog.entities, entities);
  if (entities.some((e) => (e.spec.owner as string | undefined) === group(undefined)) && !entities.some((e) => e.kind === 'Group' && e.metadata.name.toLowerCase() === UNOWNED_GROUP)) {
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: UNOWNED_GROUP, description: 'Resources whose Terraform carries no owner tag' },
      spec: { type: 'team', children: [] },
    });
  }
  const files = new Map<string, Iterable<string>>();
  for (const [file, ofKind] of groupBy(entities, (e) => `${e.kind.toLowerCase()}s.yaml`)) files.set(file, yamlDocuments(ofKind.sort((a, b) => compareText(a.metadata.name, b.metadata.name))));
  const names = [...files.keys()].sort(compareText);
  const location: BackstageEntity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Location',
    metadata: { name: entityName(`${catalog.organisation ?? 'groundwork'}-catalog`), description: 'Generated by Groundwork from the synthesized Terraform' },
    spec: { targets: names.map((n) => `./${n}`) },
  };
  files.set('catalog-info.yaml', [toYaml(location)]);
  return new Map([...files.entries()].sort(([a], [b]) => compareText(a, b)));
}

/** A multi-document YAML file's parts, each document made when read (the file may be read more than once). */
function yamlDocuments(entities: readonly BackstageEntity[]): Iterable<string> {
  return {
    *[Symbol.iterator]() {
      for (let i = 0; i < entities.length; i++) yield i ? `---\n${toYaml(entities[i])}` : toYaml(entities[i]);
    },
  };
}
