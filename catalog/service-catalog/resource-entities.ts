import { awsConsoleUrl, awsEndpointHost, awsPartitionOf, regionOrUnknown } from '../../model/aws-console';
import { copyOf } from '../../model/shared-shape';
import { compareText } from '../../model/stable-json';
import { githubOwner, ResourceRecord, resourceKey } from '../terraform/resource-index';
import { deadLetterQueues, referencedAddresses, ResourceKind } from '../terraform/resource-kinds';
import { PRIMARY_TYPES } from '../resource-types/tables';
import type { TerraformConfiguration } from '../terraform/terraform-output';
import { EntityLink, entityId, ResourceEntity } from './catalog-model';
import { addEntity, addressOf, EntityMap, relate } from './entity-builder';
import { entityName } from './entity-names';

/**
 * Console links for what can be linked at synth: names and regions must be literals, the region one
 * the partitions list names (its partition gives the host); names are encoded where they go.
 */
function consoleLinks(kind: ResourceKind, name: string | undefined, r: ResourceRecord, members: ResourceRecord[], github?: string): EntityLink[] {
  const links: EntityLink[] = [];
  const region = r.region;
  if (kind === 'repository' && name && github) links.push({ title: 'Repository', url: `https://github.com/${encodeURIComponent(github)}/${encodeURIComponent(name)}`, type: 'repository' });
  if (!region || !name || !awsPartitionOf(region)) return links;
  const id = encodeURIComponent(name);
  const add = (title: string, type: string, page: string, fragment?: string) => links.push({ title, url: awsConsoleUrl(region, page, fragment)!, type });
  if (r.type === 'aws_db_instance') add('RDS console', 'console', 'rds/home', `database:id=${id}`);
  if (r.type === 'aws_rds_cluster') add('RDS console', 'console', 'rds/home', `database:id=${id};is-cluster=true`);
  if (r.type === 'aws_s3_bucket') add('S3 console', 'console', `s3/buckets/${id}`);
  if (r.type === 'aws_sqs_queue' && r.accountId && /^[0-9]{12}$/.test(r.accountId)) {
    add('SQS console', 'console', 'sqs/v3/home', `/queues/${encodeURIComponent(`https://${awsEndpointHost('sqs', region)}/${r.accountId}/${name}`)}`);
  }
  for (const m of members) {
    const logGroup = m.type === 'aws_cloudwatch_log_group' ? (m.body.name as string | undefined) : undefined;
    if (typeof logGroup === 'string' && !logGroup.includes('${')) {
      const encoded = encodeURIComponent(encodeURIComponent(logGroup)).replace(/%/g, '$');
      add(`Logs ${logGroup}`, 'logs', 'cloudwatch/home', `logsV2:log-groups/log-group/${encoded}`);
    }
  }
  return links;
}

/**
 * Databases a knowledge base keeps its vectors in (its storage configuration names them): the
 * catalog calls those vector stores, whatever their engine.
 */
function vectorStoreDatabases(records: readonly ResourceRecord[]): Set<string> {
  const stores = new Set<string>();
  for (const r of records) {
    if (r.type !== 'aws_bedrockagent_knowledge_base') continue;
    for (const target of referencedAddresses(r.body.storage_configuration)) if (PRIMARY_TYPES[target.slice(0, target.indexOf('.'))]?.kind === 'database') stores.add(`${r.stack}/${target}`);
  }
  return stores;
}

/**
 * Groups Terraform resources into resource entities: one per primary resource (a database, a
 * queue, a workload, ...); a supporting resource joins the primary its dead-letter redrive names,
 * else the one in its nearest enclosing construct, else one it references.
 */
function groupByPrimary(records: readonly ResourceRecord[]): Map<string, ResourceRecord[]> {
  const dlqOf = deadLetterQueues(records);
  const primaries = records.filter((r) => PRIMARY_TYPES[r.type] && !dlqOf.has(resourceKey(r)));
  const members = new Map<string, ResourceRecord[]>(primaries.map((p) => [resourceKey(p), [p]]));
  const anchors = new Map<string, string>();
  for (const p of primaries) if (p.constructPath) anchors.set(p.constructPath.slice(0, p.constructPath.lastIndexOf('/')), resourceKey(p));
  for (const r of records) {
    if (members.has(resourceKey(r))) continue;
    let primary = dlqOf.get(resourceKey(r));
    for (let path = r.constructPath; !primary && path && path.includes('/'); ) {
      path = path.slice(0, path.lastIndexOf('/'));
      primary = anchors.get(path);
    }
    primary ??= referencedAddresses(r.body)
      .map((a) => `${r.stack}/${a}`)
      .find((k) => members.has(k));
    if (primary) members.get(primary)!.push(r);
  }
  return members;
}

/** Adds the resource entities; returns them. Owner, service and environment are the primary's ownership. */
export function addResourceEntities(entities: EntityMap, configurations: readonly TerraformConfiguration[], records: readonly ResourceRecord[]): ResourceEntity[] {
  const githubByStack = new Map(configurations.map((c) => [c.stack, githubOwner(c)]));
  const used = new Set<string>();
  const added: ResourceEntity[] = [];
  const vectorStores = vectorStoreDatabases(records);
  for (const group of groupByPrimary(records).values()) {
    const p = group[0];
    const rule = vectorStores.has(resourceKey(p)) ? { ...PRIMARY_TYPES[p.type], kind: 'vector-store' as const } : PRIMARY_TYPES[p.type];
    const own = rule.name(p);
    const environment = p.ownership.environment;
    // `web[0]`, `module.x.web["a"]`: each instance of a count / for_each block is its own entity.
    const instance = p.address.slice(p.address.lastIndexOf(`${p.type}.`) + p.type.length + 1);
    const base = rule.kind === 'workload' ? `${own ?? instance}-${environment ?? p.stack}` : own ?? `${p.stack}-${instance}`;
    let name = entityName(base.endsWith(rule.kind) ? base : `${base}-${rule.kind}`);
    if (used.has(name)) name = entityName(`${name}-${p.stack}`);
    if (used.has(name)) name = entityName(`${name}-${p.address}`);
    used.add(name);
    const links = consoleLinks(rule.kind, own, p, group, githubByStack.get(p.stack));
    // Written out member by member, every member always present: one hidden class for all resource entities (model/shared-shape.ts).
    const e = addEntity<ResourceEntity>(entities, {
      kind: 'resource',
      id: entityId('resource', name),
      name,
      source: 'tags',
      type: rule.kind,
      title: own,
      description: undefined,
      tags: copyOf(p.tags),
      owner: p.ownership.owner,
      service: p.ownership.service,
      environment,
      costCenter: p.ownership['cost-center'],
      region: p.region === undefined ? undefined : regionOrUnknown(p.region),
      terraform: group.map(addressOf).sort((a, b) => compareText(a.address, b.address)),
      links,
      repositoryUrl: rule.kind === 'repository' ? links[0]?.url : undefined,
      relations: [],
    });
    if (e.owner) relate(e, 'ownedBy', entityId('team', e.owner));
    added.push(e);
  }
  return added;
}
