/**
 * Tag keys other conventions use for the ownership keys (`Team` for owner, `Environment` for
 * environment): one mapping, alias -> ownership key, shared by catalog, cost, guardrails and spend.
 * The organisation settings may give their own (`tagAliases`); Terraform read without settings
 * uses the built-in one below.
 */
import { CORE_KEYS, CoreKey } from './ownership-record';
import { copyOf } from './shared-shape';

export type TagAliases = Readonly<Record<string, string>>;

/** Common conventions: capitalised keys (AWS's own examples), `team`, `app`, `env`, `stage`, `cost_center`, ... */
export const DEFAULT_TAG_ALIASES: TagAliases = {
  Owner: 'owner',
  team: 'owner',
  Team: 'owner',
  Service: 'service',
  application: 'service',
  Application: 'service',
  app: 'service',
  App: 'service',
  Environment: 'environment',
  env: 'environment',
  Env: 'environment',
  stage: 'environment',
  Stage: 'environment',
  CostCenter: 'cost-center',
  'Cost-Center': 'cost-center',
  cost_center: 'cost-center',
  costcenter: 'cost-center',
  CostCentre: 'cost-center',
};

/**
 * Tags with each ownership key the resource only carries under an alias added under its own name;
 * a key already present wins, and so does the first alias in the mapping's order.
 */
export function withTagAliases(tags: Readonly<Record<string, string>>, aliases: TagAliases = DEFAULT_TAG_ALIASES): Record<string, string> {
  // Most resources carry no alias at all: a look at their few keys first, not at every alias.
  if (!Object.keys(tags).some((k) => Object.hasOwn(aliases, k))) return copyOf(tags);
  let out: Record<string, string> | undefined;
  for (const [alias, key] of Object.entries(aliases)) {
    const value = tags[alias];
    if (value === undefined || (out ?? tags)[key] !== undefined) continue;
    out ??= copyOf(tags);
    out[key] = value;
  }
  return out ?? copyOf(tags);
}

/** For each core ownership key: its own name first, then its aliases (billing tag columns to try, in order). */
export function tagCandidates(aliases: TagAliases = DEFAULT_TAG_ALIASES): Record<CoreKey, string[]> {
  const candidates = Object.fromEntries(CORE_KEYS.map((k) => [k, [k]])) as Record<CoreKey, string[]>;
  for (const [alias, key] of Object.entries(aliases)) if ((CORE_KEYS as readonly string[]).includes(key)) candidates[key as CoreKey].push(alias);
  return candidates;
}
