import { Catalog, CATALOG_API_VERSION, CatalogEntity, EntityKind, entityId, EntityLink, RelationType, TerraformAddress } from './catalog-model';
import { entityName } from './entity-names';
import { groupBy } from '../../model/group-by';
import type { ServiceMetadata } from '../../model/golden-path-metadata';
import { githubOwner, indexResources, ResourceRecord } from '../terraform/resource-index';
import { DATA_STORE_KINDS, deadLetterQueues, PRIMARY_TYPES, referencedAddresses, ResourceKind } from '../terraform/resource-kinds';
import { organisationOf, TerraformConfiguration } from '../terraform/terraform-output';
import { compareText } from '../../model/stable-json';

const KIND_ORDER: EntityKind[] = ['team', 'system', 'service', 'environment', 'resource'];

function newEntity(kind: EntityKind, name: string, source: CatalogEntity['source']): CatalogEntity {
  return { kind, id: entityId(kind, name), name, source, tags: {}, links: [], relations: [], terraform: [] };
}

function relate(entity: CatalogEntity, type: RelationType, target: string): void {
  if (!entity.relations.some((r) => r.type === type && r.target === target)) entity.relations.push({ type, target });
}

/** The most common value (ties: alphabetical), for facts resources may disagree on. */
function majority(values: Array<string | undefined>): string | undefined {
  const counts = new Map<string, number>();
  for (const v of values) if (v) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || compareText(a[0], b[0]))[0]?.[0];
}

const address = (r: ResourceRecord): TerraformAddress => ({ stack: r.stack, address: r.address, ...(r.constructPath ? { constructPath: r.constructPath } : {}) });
const key = (r: ResourceRecord) => `${r.stack}/${r.address}`;

/** Console links for what can be linked at synth: names and regions must be literals. */
function consoleLinks(kind: ResourceKind, name: string | undefined, r: ResourceRecord, members: ResourceRecord[], github?: string): EntityLink[] {
  const links: EntityLink[] = [];
  const region = r.region;
  if (kind === 'repository' && name && github) links.push({ title: 'Repository', url: `https://github.com/${github}/${name}`, type: 'repository' });
  if (!region || !name) return links;
  const console = `https://${region}.console.aws.amazon.com`;
  if (r.type === 'aws_db_instance') links.push({ title: 'RDS console', url: `${console}/rds/home?region=${region}#database:id=${name}`, type: 'console' });
  if (r.type === 'aws_rds_cluster') links.push({ title: 'RDS console', url: `${console}/rds/home?region=${region}#database:id=${name};is-cluster=true`, type: 'console' });
  if (r.type === 'aws_s3_bucket') links.push({ title: 'S3 console', url: `https://s3.console.aws.amazon.com/s3/buckets/${name}?region=${region}`, type: 'console' });
  if (r.type === 'aws_sqs_queue' && r.accountId) {
    const url = encodeURIComponent(`https://sqs.${region}.amazonaws.com/${r.accountId}/${name}`);
    links.push({ title: 'SQS console', url: `${console}/sqs/v3/home?region=${region}#/queues/${url}`, type: 'console' });
  }
  for (const m of members) {
    const logGroup = m.type === 'aws_cloudwatch_log_group' ? (m.body.name as string | undefined) : undefined;
    if (logGroup && !logGroup.includes('${')) {
      const encoded = encodeURIComponent(encodeURIComponent(logGroup)).replace(/%/g, '$');
      links.push({ title: `Logs ${logGroup}`, url: `${console}/cloudwatch/home?region=${region}#logsV2:log-groups/log-group/${encoded}`, type: 'logs' });
    }
  }
  return links;
}

/**
 * Builds the catalog from Terraform JSON alone: resources and their ownership from tags, labels
 * and topics; descriptions, lifecycle and links from golden-path metadata where present.
 */
export function buildCatalog(configurations: readonly TerraformConfiguration[], records: readonly ResourceRecord[] = indexResources(configurations)): Catalog {
  const organisation = organisationOf(configurations);
  const serviceMeta = new Map<string, ServiceMetadata>();
  for (const c of configurations) {
    for (const [name, meta] of Object.entries(c.metadata?.services ?? {})) {
      // Each stack carries the service's metadata as known when it was written: union what varies.
      const seen = serviceMeta.get(name);
      serviceMeta.set(name, seen ? { ...meta, environments: [...new Set([...seen.environments, ...meta.environments])].sort(), observability: { ...seen.observability, ...meta.observability } } : meta);
    }
  }
  const githubByStack = new Map(configurations.map((c) => [c.stack, githubOwner(c)]));

  // 1. Resource entities: one per primary resource; supporting resources attach to one.
  const dlqOf = deadLetterQueues(records);
  const primaries = records.filter((r) => PRIMARY_TYPES[r.type] && !dlqOf.has(key(r)));
  const byKey = new Map(records.map((r) => [key(r), r]));
  const members = new Map<string, ResourceRecord[]>(primaries.map((p) => [key(p), [p]]));
  const anchors = new Map<string, string>();
  for (const p of primaries) if (p.constructPath) anchors.set(p.constructPath.slice(0, p.constructPath.lastIndexOf('/')), key(p));
  const ownerOf = new Map<string, string>();
  for (const r of records) {
    if (members.has(key(r))) continue;
    let primary = dlqOf.get(key(r));
    // The nearest enclosing construct that holds a primary resource.
    for (let path = r.constructPath; !primary && path && path.includes('/'); ) {
      path = path.slice(0, path.lastIndexOf('/'));
      primary = anchors.get(path);
    }
    primary ??= referencedAddresses(r.body)
      .map((a) => `${r.stack}/${a}`)
      .find((k) => members.has(k));
    if (primary) {
      members.get(primary)!.push(r);
      ownerOf.set(key(r), primary);
    }
  }

  const entities = new Map<string, CatalogEntity>();
  const add = (e: CatalogEntity) => {
    entities.set(e.id, e);
    return e;
  };
  const used = new Set<string>();
  const resourceOf = new Map<string, CatalogEntity>();
  for (const p of primaries) {
    const rule = PRIMARY_TYPES[p.type];
    const own = rule.name(p);
    const environment = p.tags.environment;
    const base = rule.kind === 'workload' ? `${own ?? p.name}-${environment ?? p.stack}` : own ?? `${p.stack}-${p.name}`;
    let name = entityName(base.endsWith(rule.kind) ? base : `${base}-${rule.kind}`);
    if (used.has(name)) name = entityName(`${name}-${p.stack}`);
    used.add(name);
    const e = add(newEntity('resource', name, 'tags'));
    const group = members.get(key(p))!;
    e.type = rule.kind;
    e.title = own;
    e.tags = { ...p.tags };
    e.owner = p.tags.owner;
    e.service = p.tags.service;
    e.environment = environment;
    e.costCenter = p.tags['cost-center'];
    if (p.region) e.region = p.region;
    e.terraform = group.map(address).sort((a, b) => compareText(a.address, b.address));
    e.links = consoleLinks(rule.kind, own, p, group, githubByStack.get(p.stack));
    if (rule.kind === 'repository' && e.links[0]) e.repositoryUrl = e.links[0].url;
    if (e.owner) relate(e, 'ownedBy', entityId('team', e.owner));
    resourceOf.set(key(p), e);
  }

  // 2. Services: from golden-path metadata and from every `service` tag.
  const taggedBy = groupBy(records, (r) => r.ownership.service);
  const partsBy = groupBy([...resourceOf.values()], (r) => r.service);
  const serviceNames = new Set([...serviceMeta.keys(), ...taggedBy.keys()]);
  for (const name of [...serviceNames].sort()) {
    const meta = serviceMeta.get(name);
    const tagged = taggedBy.get(name) ?? [];
    const e = add(newEntity('service', entityName(name), meta ? 'golden-path' : 'tags'));
    e.title = name;
    e.owner = meta?.owner ?? majority(tagged.map((r) => r.tags.owner));
    e.costCenter = meta?.costCenter ?? majority(tagged.map((r) => r.tags['cost-center']));
    e.description = meta?.description;
    e.lifecycle = meta?.lifecycle ?? 'production';
    e.tier = meta?.tier;
    e.system = meta?.system;
    e.environments = meta ? [...meta.environments] : [...new Set(tagged.map((r) => r.tags.environment).filter((v): v is string => Boolean(v)))].sort();
    const parts = partsBy.get(name) ?? [];
    e.repositoryUrl = meta?.repositoryUrl ?? parts.find((r) => r.type === 'repository')?.repositoryUrl;
    e.tags = { ...(meta?.tags ?? {}), ...(e.owner ? { owner: e.owner } : {}), service: name, ...(e.costCenter ? { 'cost-center': e.costCenter } : {}) };
    const links: EntityLink[] = [];
    if (e.repositoryUrl) links.push({ title: 'Repository', url: e.repositoryUrl, type: 'repository' });
    for (const [type, title] of [['runbook', 'Runbook'], ['docs', 'Documentation'], ['dashboard', 'Dashboard']] as const) {
      const url = meta?.links[type];
      if (url) links.push({ title, url, type });
    }
    for (const [env, o] of Object.entries(meta?.observability ?? {}).sort(([a], [b]) => compareText(a, b))) {
      links.push({ title: `Dashboard (${env})`, url: o.dashboard, type: 'dashboard' }, { title: `Alarms (${env})`, url: o.alarms, type: 'alarms' }, { title: `Logs (${env})`, url: o.logs, type: 'logs' });
    }
    if (meta) e.goldenPath = meta.goldenPath;
    e.links = links;
    e.terraform = tagged.map(address);
    if (e.owner) relate(e, 'ownedBy', entityId('team', e.owner));
    if (e.system) relate(e, 'partOf', entityId('system', entityName(e.system)));
    for (const part of parts) {
      const dataStore = DATA_STORE_KINDS.has(part.type as ResourceKind);
      relate(e, dataStore ? 'dependsOn' : 'hasPart', part.id);
      relate(part, dataStore ? 'dependencyOf' : 'partOf', e.id);
    }
  }

  // 3. Teams, systems, environments.
  const teamNames = new Set([...Object.keys(organisation?.teams ?? {}), ...[...entities.values()].map((e) => e.owner).filter((o): o is string => Boolean(o))]);
  const services = [...entities.values()].filter((e) => e.kind === 'service');
  const servicesBy = groupBy(services, (s) => s.owner);
  for (const name of [...teamNames].sort()) {
    const settings = organisation?.teams[name];
    const e = add(newEntity('team', entityName(name), settings ? 'settings' : 'tags'));
    const owned = servicesBy.get(name) ?? [];
    e.title = settings?.displayName ?? name;
    e.description = settings?.description;
    e.email = settings?.email;
    e.slackChannel = settings?.slackChannel;
    e.services = owned.map((s) => s.name).sort();
    e.costCenters = [...new Set([...(settings?.costCenters ?? []), ...owned.map((s) => s.costCenter).filter((c): c is string => Boolean(c))])].sort();
    for (const s of owned) relate(e, 'ownerOf', s.id);
  }
  for (const systemName of [...new Set(services.map((s) => s.system).filter((s): s is string => Boolean(s)))].sort()) {
    const members = services.filter((s) => s.system === systemName);
    const e = add(newEntity('system', entityName(systemName), 'golden-path'));
    e.title = systemName;
    e.owner = majority(members.map((s) => s.owner));
    e.services = members.map((s) => s.name).sort();
    if (e.owner) relate(e, 'ownedBy', entityId('team', e.owner));
    for (const s of members) relate(e, 'hasPart', s.id);
  }
  const byEnvironment = groupBy(records, (r) => r.tags.environment);
  const envNames = new Set([...Object.keys(organisation?.environments ?? {}), ...byEnvironment.keys()]);
  for (const name of [...envNames].sort()) {
    const settings = organisation?.environments[name];
    const inEnv = byEnvironment.get(name) ?? [];
    const e = add(newEntity('environment', entityName(name), settings ? 'settings' : 'tags'));
    e.title = name;
    e.region = settings?.region ?? majority(inEnv.map((r) => r.region));
    e.production = settings?.production ?? /^prod/.test(name);
    e.owner = organisation?.platformTeam;
    e.stacks = [...new Set(inEnv.map((r) => r.stack))].sort();
    e.services = [...new Set(inEnv.map((r) => r.tags.service).filter((s): s is string => Boolean(s)))].sort();
    if (e.owner) relate(e, 'ownedBy', entityId('team', e.owner));
  }

  const sorted = [...entities.values()].sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || compareText(a.name, b.name));
  for (const e of sorted) e.relations.sort((a, b) => compareText(a.type, b.type) || compareText(a.target, b.target));
  const count = (kind: EntityKind) => sorted.filter((e) => e.kind === kind).length;
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
      unownedTerraformResources: records.filter((r) => !r.ownership.service && !(ownerOf.has(key(r)) && byKey.get(ownerOf.get(key(r))!)?.ownership.service)).length,
    },
    entities: sorted,
  };
}
