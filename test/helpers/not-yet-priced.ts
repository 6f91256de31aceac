/**
 * Resource types of the AI golden paths (issue 30) that the estimator lists as not priced: their
 * prices (Aurora Serverless v2 ACU-hours, OpenSearch Serverless OCU-hours, Bedrock tokens and
 * model units, vended logs) come with the one-file-per-resource-type cost engine. Tests that
 * demand "nothing unpriced" set these aside, by name, until then; remove a type once it is priced.
 */
export const NOT_YET_PRICED: ReadonlySet<string> = new Set([
  'aws_bedrock_custom_model',
  'aws_bedrock_guardrail',
  'aws_bedrock_model_invocation_logging_configuration',
  'aws_bedrock_provisioned_model_throughput',
  'aws_bedrockagent_data_source',
  'aws_bedrockagent_knowledge_base',
  'aws_cloudwatch_log_delivery',
  'aws_cloudwatch_log_delivery_destination',
  'aws_cloudwatch_log_delivery_source',
  'aws_opensearchserverless_access_policy',
  'aws_opensearchserverless_collection',
  'aws_opensearchserverless_security_policy',
  'aws_opensearchserverless_vpc_endpoint',
  'aws_rds_cluster_instance',
]);

/** What is not priced besides the types above: what a "nothing unpriced" test expects to be empty. */
export const unexpectedlyNotPriced = <T extends { readonly type: string }>(resources: readonly T[]): T[] => resources.filter((r) => !NOT_YET_PRICED.has(r.type));
