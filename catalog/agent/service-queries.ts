import type { ServiceEntity } from '../service-catalog/catalog-model';
import type { LastAnalysis } from './last-analysis';

/** What a search may filter on; every filter given must match. */
export interface ServiceFilter {
  readonly name?: string;
  readonly owner?: string;
  readonly goldenPath?: string;
  /** `key` (the service carries it) or `key=value`. */
  readonly tag?: string;
  /** Case-insensitive, in the name, title, description, owner and tag values. */
  readonly text?: string;
}

export interface ServiceSummary {
  readonly name: string;
  readonly owner: string | null;
  readonly goldenPath: string | null;
  readonly description: string | null;
  readonly environments: string[];
  readonly monthlyUsd: number | null;
  readonly scorecard: string | null;
}

function matches(service: ServiceEntity, filter: ServiceFilter): boolean {
  if (filter.name !== undefined && service.name !== filter.name) return false;
  if (filter.owner !== undefined && service.owner !== filter.owner) return false;
  if (filter.goldenPath !== undefined && service.goldenPath !== filter.goldenPath) return false;
  if (filter.tag !== undefined) {
    const at = filter.tag.indexOf('=');
    const key = at < 0 ? filter.tag : filter.tag.slice(0, at);
    if (!(key in service.tags) || (at >= 0 && service.tags[key] !== filter.tag.slice(at + 1))) return false;
  }
  if (filter.text !== undefined) {
    const needle = filter.text.toLowerCase();
    const haystack = [service.name, service.title, service.description, service.owner, ...Object.values(service.tags)];
    if (!haystack.some((s) => s?.toLowerCase().includes(needle))) return false;
  }
  return true;
}

export function summariseService(service: ServiceEntity): ServiceSummary {
  return {
    name: service.name,
    owner: service.owner ?? null,
    goldenPath: service.goldenPath ?? null,
    description: service.description ?? null,
    environments: service.environments,
    monthlyUsd: service.cost?.monthlyUsd ?? null,
    scorecard: service.scorecard?.level ?? null,
  };
}

/** Services matching every filter given, in catalog order (by name). */
export function findServices(analysis: LastAnalysis, filter: ServiceFilter): ServiceSummary[] {
  return analysis
    .entities('service')
    .filter((s) => matches(s, filter))
    .map(summariseService);
}
