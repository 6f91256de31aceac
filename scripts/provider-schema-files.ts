import { ProviderSchema, sensitiveArgumentsByType, taggableTypes } from '../catalog/policy/provider-schema-facts';
import { stableJson } from '../model/stable-json';
import { AWS_PROVIDER, AWS_PROVIDER_VERSION, SCHEMA_FILES } from './aws-provider-schema';

/** Each checked-in file the AWS provider's schema yields, with its text. */
export function providerSchemaFiles(schema: ProviderSchema): Record<string, string> {
  const head = { provider: AWS_PROVIDER, version: AWS_PROVIDER_VERSION };
  const sensitive = sensitiveArgumentsByType(schema);
  return {
    [SCHEMA_FILES.taggable]: stableJson({ ...head, source: 'terraform providers schema -json: resource types with a tags argument of type map(string)', types: taggableTypes(schema) }),
    [SCHEMA_FILES.sensitive]: stableJson({
      ...head,
      source: 'terraform providers schema -json: arguments (required or optional) marked sensitive, per resource and data source type, as dotted paths through nested blocks',
      resources: sensitive.resources,
      dataSources: sensitive.dataSources,
    }),
  };
}
