import { CORE_KEYS } from '../../model/ownership-record';
import { copyOf } from '../../model/shared-shape';
import { DEFAULT_TAG_ALIASES, withTagAliases } from '../../model/tag-aliases';
import type { SourceLocation } from './configuration-folder';
import { configurationInstances } from './module-instances';
import { constructPathOf, membersOf } from '../../model/json-object';
import type { Json, TerraformConfiguration } from './terraform-output';

/** A resource body or nested block: attributes by name, each a Terraform value (literal, block or expression) to be read, never assumed. */
export type Body = Readonly<Record<string, unknown>>;

/** One resource of the synthesized Terraform, with what the analysis needs already read out. */
export interface ResourceRecord {
  readonly stack: string;
  readonly type: string;
  readonly name: string;
  /** Terraform address within its configuration, e.g. aws_db_instance.checkout_database. */
  readonly address: string;
  readonly body: Body;
  /** cdktf construct path, when the configuration came from cdktf. */
  readonly constructPath?: string;
  /** aws, kubernetes, github, ... (the type's prefix). */
  readonly provider: string;
  readonly region?: string;
  readonly accountId?: string;
  /** Effective literal tags (AWS: provider default_tags + own tags), labels (Kubernetes) or topic-derived keys (GitHub). */
  readonly tags: Readonly<Record<string, string>>;
  /**
   * Who the resource belongs to, for allocation: its own tags, or, for a resource without a
   * service tag, what `inferOwnership` decides. Guardrails judge `tags`; every tool allocates by this.
   */
  readonly ownership: Readonly<Record<string, string>>;
  /** Set when count or for_each is not known before a plan: this record stands for an unknown number of instances. */
  readonly unknownInstances?: string;
  /** Read from a plan: every value not literal is known only after apply. */
  readonly planned?: boolean;
  /** Where its block is written (plain Terraform folders): findings name this file and line. */
  readonly source?: SourceLocation;
  /** Root variables without a value that its analysis needed (`var.x`): reported once per variable. */
  readonly unknownVariables?: readonly string[];
}

/** `<stack>/<address>`: a resource's key across every stack of an output. */
export const resourceKey = (r: { readonly stack: string; readonly address: string }): string => `${r.stack}/${r.address}`;

/**
 * A Terraform string as the literal it stands for, or undefined when it is an expression
 * (`${...}` or `%{...}` not escaped): a reference is not a name.
 */
export function literal(value: unknown): string | undefined {
  if (typeof value !== 'string') return typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
  // Most values hold no brace at all: skip the expression checks for them.
  if (!value.includes('{')) return value;
  if (/(^|[^$])\$\{/.test(value) || /(^|[^%])%\{/.test(value)) return undefined;
  return value.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{');
}

/** Nested blocks appear as objects (cdktf) or one-element arrays (converted HCL). */
export function block(value: unknown): Body | undefined {
  if (Array.isArray(value)) return value[0] as Body | undefined;
  return value && typeof value === 'object' ? (value as Body) : undefined;
}

/** Every block of a repeated nested block (a list of objects, or one object written alone). */
export function blocks(value: unknown): Body[] {
  if (Array.isArray(value)) return value.filter((v): v is Body => !!v && typeof v === 'object');
  return value && typeof value === 'object' ? [value as Body] : [];
}

function literalMap(value: unknown): Record<string, string> {
  const map = block(value) ?? {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(map)) {
    const text = literal(v);
    if (text !== undefined && k !== '//') out[k] = text;
  }
  return out;
}

interface ProviderConfig {
  readonly region?: string;
  readonly accountId?: string;
  readonly defaultTags: Record<string, string>;
  readonly owner?: string;
}

function providerConfigs(json: Json): Map<string, ProviderConfig> {
  const configs = new Map<string, ProviderConfig>();
  for (const [name, raw] of Object.entries(membersOf(json.provider))) {
    for (const config of (Array.isArray(raw) ? raw : [raw]) as Json[]) {
      const key = config.alias ? `${name}.${config.alias}` : name;
      const accounts = config.allowed_account_ids;
      configs.set(key, {
        region: literal(config.region),
        accountId: Array.isArray(accounts) && accounts.length === 1 ? literal(accounts[0]) : undefined,
        defaultTags: literalMap(block(config.default_tags)?.tags),
        owner: literal(config.owner),
      });
    }
  }
  return configs;
}

/** `cost-center-cc-2001` back to `{ 'cost-center': 'cc-2001' }`, longest known key first. */
export function topicsToTags(topics: unknown, keys: readonly string[]): Record<string, string> {
  const tags: Record<string, string> = {};
  const byLength = [...keys].sort((a, b) => b.length - a.length);
  for (const topic of Array.isArray(topics) ? topics : []) {
    const text = literal(topic);
    const key = text && byLength.find((k) => text.startsWith(`${k}-`) && text.length > k.length + 1);
    if (text && key && !(key in tags)) tags[key] = text.slice(key.length + 1);
  }
  return tags;
}

/** Every managed resource of every configuration, in a stable order, owned by its own tags only (see readResources). */
export function indexResources(configurations: readonly TerraformConfiguration[]): ResourceRecord[] {
  const records: ResourceRecord[] = [];
  const organisation = configurations.find((c) => c.metadata?.organisation)?.metadata?.organisation;
  for (const config of configurations) {
    const planProviders = config.planned ? providerConfigs(config.json) : undefined;
    const ownershipKeys = config.metadata?.organisation?.requiredKeys ?? CORE_KEYS;
    const aliases = organisation?.tagAliases ?? DEFAULT_TAG_ALIASES;
    // Provider arguments may come from variables (`region = var.region`): each instance carries its module's, resolved.
    const byModule = new Map<Json, Map<string, ProviderConfig>>();
    const providersOf = (resolved: Json | undefined) => {
      if (!resolved) return planProviders ?? new Map<string, ProviderConfig>();
      if (!byModule.has(resolved)) byModule.set(resolved, providerConfigs({ provider: resolved }));
      return byModule.get(resolved)!;
    };
    for (const { type, name, address, body, unknownInstances, providers: resolvedProviders, source, unknownVariables } of configurationInstances(config)) {
      const providers = providersOf(resolvedProviders);
      const provider = type.split('_')[0];
      const providerConfig = providers.get(typeof body.provider === 'string' ? body.provider.replace(/^\$\{|\}$/g, '') : provider) ?? providers.get(provider);
      let tags: Record<string, string>;
      // kubernetes_manifest holds the object as written (manifest.metadata.labels).
      if (provider === 'kubernetes') tags = literalMap(block(type === 'kubernetes_manifest' ? block(body.manifest)?.metadata : body.metadata)?.labels);
      else if (provider === 'github') tags = topicsToTags(body.topics, ownershipKeys);
      else tags = Object.assign(copyOf(providerConfig?.defaultTags ?? {}), literalMap(body.tags));
      tags = withTagAliases(tags, aliases);
      records.push({
        stack: config.stack,
        type,
        name,
        address,
        body,
        ...(unknownInstances ? { unknownInstances } : {}),
        ...(config.planned ? { planned: true } : {}),
        ...(source ? { source } : {}),
        ...(unknownVariables ? { unknownVariables } : {}),
        constructPath: constructPathOf(body),
        provider,
        region: providerConfig?.region,
        accountId: providerConfig?.accountId,
        tags,
        ownership: tags,
      });
    }
  }
  return records;
}

/** The GitHub owner (organisation) of a configuration's github provider, for repository URLs. */
export function githubOwner(config: TerraformConfiguration): string | undefined {
  return providerConfigs(config.json).get('github')?.owner ?? config.metadata?.organisation?.githubOwner;
}
