import { compareText, stableJson } from '../../model/stable-json';
import { literal, ResourceRecord } from '../terraform/resource-index';
import type { TerraformConfiguration } from '../terraform/terraform-output';
import type { DangerLine, OwnershipChange, ResourceChange } from './report-model';
import { exposureDanger } from './exposure-danger';
import { vectorIndexDanger } from './vector-index-danger';
import { DELETION_PROTECTION, STATEFUL_TYPES } from '../resource-types/tables';

/** Ownership keys whose change re-allocates a resource's cost. */
const OWNERSHIP_KEYS = ['owner', 'cost-center', 'service'] as const;
const key = (r: { stack: string; address: string }) => `${r.stack}\u0000${r.address}`;
const byKey = (a: { stack: string; address: string }, b: { stack: string; address: string }) => compareText(a.stack, b.stack) || compareText(a.address, b.address);

/** A value as a short quoted literal for a sentence (expressions shown as they are). */
function shown(value: unknown): string {
  if (value === undefined) return 'unset';
  const text = literal(value) ?? (typeof value === 'string' ? value : JSON.stringify(value));
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 77)}...` : text);
}

/** Top-level attributes whose value differs (the "//" metadata comment is not an attribute). */
function changedAttributes(base: Record<string, unknown>, head: Record<string, unknown>): string[] {
  const names = new Set([...Object.keys(base), ...Object.keys(head)]);
  names.delete('//');
  return [...names].filter((n) => stableJson(base[n]) !== stableJson(head[n])).sort(compareText);
}

/** `moved`/`import` blocks of a configuration: the addresses Terraform carries over instead of deleting. */
function carriedOver(configuration: TerraformConfiguration | undefined, block: 'moved' | 'import', field: 'from' | 'to'): Set<string> {
  const value = configuration?.json[block];
  const list: unknown[] = Array.isArray(value) ? value : value && typeof value === 'object' ? [value] : [];
  return new Set(list.map((b) => (b && typeof b === 'object' ? literal((b as Record<string, unknown>)[field])?.replace(/^\$\{|\}$/g, '') : undefined)).filter((a): a is string => Boolean(a)));
}

export interface ResourceComparison {
  readonly resources: ResourceChange[];
  readonly ownership: OwnershipChange[];
  readonly danger: DangerLine[];
}

/** Resources added, removed and changed per stack, ownership changes, and the danger they carry. */
export function compareResources(
  base: readonly ResourceRecord[],
  head: readonly ResourceRecord[],
  headConfigurations: readonly TerraformConfiguration[],
): ResourceComparison {
  const baseByKey = new Map(base.map((r) => [key(r), r]));
  const headByKey = new Map(head.map((r) => [key(r), r]));
  const headConfig = new Map(headConfigurations.map((c) => [c.stack, c]));
  const resources: ResourceChange[] = [];
  const ownership: OwnershipChange[] = [];
  const danger: DangerLine[] = [];
  const line = (r: ResourceRecord, reason: string): DangerLine => ({ stack: r.stack, address: r.address, service: r.ownership.service, owner: r.ownership.owner, reason });

  const added = head.filter((r) => !baseByKey.has(key(r)));
  const addedByTypeAndName = new Map(added.map((r) => [`${r.type}.${r.name}`, r]));
  for (const r of added) resources.push({ stack: r.stack, address: r.address, service: r.ownership.service, change: 'added' });

  for (const r of base) {
    const now = headByKey.get(key(r));
    if (!now) {
      const renamed = carriedOver(headConfig.get(r.stack), 'moved', 'from').has(r.address);
      resources.push({ stack: r.stack, address: r.address, service: r.ownership.service, change: 'removed' });
      if (renamed) continue;
      const elsewhere = addedByTypeAndName.get(r.address);
      const stateful = STATEFUL_TYPES[r.type];
      if (elsewhere && elsewhere.stack !== r.stack && !carriedOver(headConfig.get(elsewhere.stack), 'import', 'to').has(elsewhere.address)) {
        danger.push(line(r, `moved from stack ${r.stack} to stack ${elsewhere.stack}: Terraform deletes it in one and creates it in the other${stateful ? `, losing the ${stateful.what}'s data` : ''}, unless it is carried over with moved/import`));
      } else if (stateful) {
        danger.push(line(r, `${stateful.what} deleted: its data is lost`));
      }
      continue;
    }
    const attributes = changedAttributes(r.body, now.body);
    if (attributes.length) {
      resources.push({ stack: r.stack, address: r.address, service: now.ownership.service ?? r.ownership.service, change: 'changed', attributes });
      const stateful = STATEFUL_TYPES[r.type];
      const forcing = stateful ? attributes.filter((a) => stateful.replacedBy.includes(a)) : [];
      if (stateful && forcing.length) {
        danger.push(line(now, `${stateful.what} replaced (deleted and created again, its data lost): ${forcing.map((a) => `${a} ${shown(r.body[a])} → ${shown(now.body[a])}`).join(', ')}`));
      }
      const protection = DELETION_PROTECTION[r.type];
      if (protection && attributes.includes(protection.attribute) && r.body[protection.attribute] === protection.protectedWhen && now.body[protection.attribute] !== protection.protectedWhen) {
        danger.push(line(now, `deletion protection turned off: ${protection.attribute} ${shown(r.body[protection.attribute])} → ${shown(now.body[protection.attribute])}`));
      }
    }
    for (const k of OWNERSHIP_KEYS) {
      const before = r.tags[k];
      const after = now.tags[k];
      if (before === after) continue;
      ownership.push({ stack: r.stack, address: r.address, change: after === undefined ? `lost its ${k} tag (was ${shown(before)})` : `${k} ${shown(before)} → ${shown(after)}` });
    }
  }
  danger.push(...exposureDanger(base, head), ...vectorIndexDanger(base, head));
  return { resources: resources.sort(byKey), ownership: ownership.sort(byKey), danger };
}
