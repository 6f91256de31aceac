/**
 * What the guardrails take from a provider's own schema (`terraform providers schema -json`),
 * as pure functions: the generator (scripts/provider-schema-facts.ts) writes their results into
 * checked-in JSON, and a test recomputes them to catch a stale file.
 */

interface SchemaAttribute {
  readonly type?: unknown;
  readonly sensitive?: boolean;
  readonly optional?: boolean;
  readonly required?: boolean;
  readonly nested_type?: SchemaBlock;
}
interface SchemaBlock {
  readonly attributes?: Record<string, SchemaAttribute>;
  readonly block_types?: Record<string, { readonly block: SchemaBlock }>;
}
export interface ProviderSchema {
  readonly resource_schemas: Record<string, { readonly block: SchemaBlock }>;
  readonly data_source_schemas: Record<string, { readonly block: SchemaBlock }>;
}

/** Resource types with a `tags` argument of type map(string). */
export function taggableTypes(schema: ProviderSchema): string[] {
  return Object.keys(schema.resource_schemas)
    .filter((t) => JSON.stringify(schema.resource_schemas[t].block.attributes?.tags?.type) === '["map","string"]')
    .sort();
}

/** Arguments (settable: required or optional) the schema marks sensitive, as dotted paths through nested blocks. */
function sensitiveArguments(block: SchemaBlock, prefix = ''): string[] {
  const out: string[] = [];
  for (const [name, attribute] of Object.entries(block.attributes ?? {})) {
    if (attribute.sensitive && (attribute.required || attribute.optional)) out.push(prefix + name);
    if (attribute.nested_type) out.push(...sensitiveArguments(attribute.nested_type, `${prefix}${name}.`));
  }
  for (const [name, nested] of Object.entries(block.block_types ?? {})) out.push(...sensitiveArguments(nested.block, `${prefix}${name}.`));
  return out.sort();
}

/** Per resource type and per data source type: its sensitive arguments; types with none are left out. */
export function sensitiveArgumentsByType(schema: ProviderSchema): { resources: Record<string, string[]>; dataSources: Record<string, string[]> } {
  const collect = (schemas: ProviderSchema['resource_schemas']) =>
    Object.fromEntries(
      Object.keys(schemas)
        .sort()
        .map((t) => [t, sensitiveArguments(schemas[t].block)] as const)
        .filter(([, paths]) => paths.length),
    );
  return { resources: collect(schema.resource_schemas), dataSources: collect(schema.data_source_schemas) };
}
