import { copyOf } from '../../model/shared-shape';
import type { TerraformConfiguration } from './terraform-output';
import { indexResources, resourceKey, ResourceRecord } from './resource-index';
import { referencedAddresses } from './resource-kinds';

/** What cost and spend allocate to when a resource (or a billing line) has no owner: one row, named this. */
export const UNALLOCATED = 'unallocated';

/** Every managed resource of every configuration, each with the ownership catalog, cost and policy all allocate by. */
export function readResources(configurations: readonly TerraformConfiguration[]): ResourceRecord[] {
  return inferOwnership(indexResources(configurations));
}

/**
 * Who owns a resource that carries no `service` tag (a dashboard, an IAM policy), decided once
 * for every tool: the nearest enclosing construct scope that holds a tagged resource (cdktf
 * output), else the first tagged resource of the same stack it references (plain Terraform).
 * Guardrails still judge a resource's own tags; this is for allocation.
 */
export function inferOwnership(records: readonly ResourceRecord[]): ResourceRecord[] {
  const scopeTags = new Map<string, ResourceRecord['tags']>();
  const tagged = new Map<string, ResourceRecord['tags']>();
  for (const r of records) {
    if (!r.tags.service) continue;
    tagged.set(resourceKey(r), r.tags);
    // Ancestors only, never the stack itself: a stack holds many owners.
    for (let path = r.constructPath; path && path.split('/').length > 2; ) {
      path = path.slice(0, path.lastIndexOf('/'));
      if (!scopeTags.has(path)) scopeTags.set(path, r.tags);
    }
  }
  return records.map((r) => {
    if (r.tags.service) return r;
    for (let path = r.constructPath; path && path.split('/').length > 2; ) {
      path = path.slice(0, path.lastIndexOf('/'));
      const inherited = scopeTags.get(path);
      if (inherited) return owned(r, inherited);
    }
    // Inside a module, references name resources of the same module instance.
    const prefix = r.address.slice(0, Math.max(0, r.address.lastIndexOf(`${r.type}.${r.name}`)));
    const referenced = referencedAddresses(r.body)
      .map((a) => tagged.get(`${r.stack}/${prefix}${a}`))
      .find(Boolean);
    return referenced ? owned(r, referenced) : r;
  });
}

function owned(r: ResourceRecord, ownership: ResourceRecord['ownership']): ResourceRecord {
  const copy = copyOf(r) as { ownership: ResourceRecord['ownership'] } & ResourceRecord;
  copy.ownership = ownership;
  return copy;
}
