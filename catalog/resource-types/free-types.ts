/**
 * Types that cost nothing by themselves (configuration, permissions, networking plumbing) and that
 * the platform knows nothing else about: counted as free, not as unpriced (Infracost keeps the same
 * list, `FreeResources`, beside its resource files). A type that gains any other fact (a catalog
 * kind, a stateful role, a price) moves to a file of its own.
 */
import type { ResourceType } from './resource-type';

/** AWS types, each with whether the provider schema gives it a tags map (catalog/policy/aws-taggable-types.json). */
const AWS: Readonly<Record<string, 'tagged' | 'untagged'>> = {
  aws_subnet: 'tagged',
  aws_route: 'untagged',
  aws_route_table: 'tagged',
  aws_route_table_association: 'untagged',
  aws_internet_gateway: 'tagged',
  aws_egress_only_internet_gateway: 'tagged',
  aws_security_group: 'tagged',
  aws_security_group_rule: 'untagged',
  aws_vpc_security_group_ingress_rule: 'tagged',
  aws_vpc_security_group_egress_rule: 'tagged',
  aws_default_security_group: 'tagged',
  aws_default_network_acl: 'tagged',
  aws_network_acl: 'tagged',
  aws_flow_log: 'tagged',
  aws_eip_association: 'untagged',
  aws_iam_role: 'tagged',
  aws_iam_role_policy: 'untagged',
  aws_iam_role_policy_attachment: 'untagged',
  aws_iam_policy: 'tagged',
  aws_iam_openid_connect_provider: 'tagged',
  aws_iam_instance_profile: 'tagged',
  aws_db_subnet_group: 'tagged',
  aws_db_parameter_group: 'tagged',
  aws_rds_cluster_parameter_group: 'tagged',
  aws_elasticache_subnet_group: 'tagged',
  aws_elasticache_parameter_group: 'tagged',
  aws_s3_bucket_public_access_block: 'untagged',
  aws_s3_bucket_server_side_encryption_configuration: 'untagged',
  aws_s3_bucket_versioning: 'untagged',
  aws_s3_bucket_ownership_controls: 'untagged',
  aws_s3_bucket_policy: 'untagged',
  aws_s3_bucket_lifecycle_configuration: 'untagged',
  aws_s3_bucket_logging: 'untagged',
  aws_s3_bucket_acl: 'untagged',
  aws_sqs_queue_policy: 'untagged',
  aws_sqs_queue_redrive_policy: 'untagged',
  aws_sqs_queue_redrive_allow_policy: 'untagged',
  aws_sns_topic_policy: 'untagged',
  aws_sns_topic_subscription: 'untagged',
  aws_kms_alias: 'untagged',
  aws_secretsmanager_secret_version: 'untagged',
  aws_acm_certificate_validation: 'untagged',
  aws_wafv2_web_acl_association: 'untagged',
  aws_lb_listener: 'tagged',
  aws_lb_target_group: 'tagged',
  aws_lb_target_group_attachment: 'untagged',
  aws_lb_listener_rule: 'tagged',
  aws_launch_template: 'tagged',
  aws_launch_configuration: 'untagged',
  aws_autoscaling_policy: 'untagged',
  aws_autoscaling_attachment: 'untagged',
  aws_cloudwatch_log_stream: 'untagged',
  aws_cloudwatch_log_metric_filter: 'untagged',
  // Vended-log delivery is configuration: what it delivers is billed where it lands (the log group's ingestion).
  aws_cloudwatch_log_delivery: 'tagged',
  aws_cloudwatch_log_delivery_destination: 'tagged',
  aws_cloudwatch_log_delivery_source: 'tagged',
  aws_cloudfront_origin_access_control: 'untagged',
  aws_ecs_cluster: 'tagged',
  aws_ecs_task_definition: 'tagged',
  aws_api_gateway_deployment: 'untagged',
  aws_api_gateway_resource: 'untagged',
  aws_api_gateway_method: 'untagged',
  aws_api_gateway_integration: 'untagged',
  aws_apigatewayv2_stage: 'tagged',
  aws_apigatewayv2_route: 'untagged',
  aws_apigatewayv2_integration: 'untagged',
  aws_lambda_permission: 'untagged',
  aws_opensearchserverless_security_policy: 'untagged',
  aws_opensearchserverless_access_policy: 'untagged',
  aws_bedrockagent_data_source: 'untagged',
  aws_bedrock_model_invocation_logging_configuration: 'untagged',
};

const KUBERNETES = [
  'kubernetes_namespace', 'kubernetes_namespace_v1', 'kubernetes_service_account', 'kubernetes_service_account_v1', 'kubernetes_config_map', 'kubernetes_config_map_v1',
  'kubernetes_secret', 'kubernetes_secret_v1', 'kubernetes_role', 'kubernetes_role_v1', 'kubernetes_role_binding', 'kubernetes_role_binding_v1',
  'kubernetes_network_policy', 'kubernetes_network_policy_v1',
];

const GITHUB = [
  'github_branch_protection', 'github_repository_file', 'github_repository_dependabot_security_updates', 'github_team', 'github_team_repository', 'github_team_membership',
  'github_branch_default', 'github_repository_environment', 'github_repository_environment_deployment_policy',
];

export const FREE_TYPES: readonly ResourceType[] = [
  ...Object.entries(AWS).map(([type, tags]): ResourceType => ({ type, pricing: 'free', taggable: tags === 'tagged' })),
  ...[...KUBERNETES, ...GITHUB].map((type): ResourceType => ({ type, pricing: 'free' })),
];
