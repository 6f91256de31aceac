/**
 * Every resource type the platform knows, listed explicitly (one import per file). The order is
 * the order of the usage figures in usage.schema.json and the cost report's defaults.
 */
import { awsAcmCertificate } from './aws/aws_acm_certificate';
import { awsAutoscalingGroup } from './aws/aws_autoscaling_group';
import { awsBedrockCustomModel } from './aws/aws_bedrock_custom_model';
import { awsBedrockagentKnowledgeBase } from './aws/aws_bedrockagent_knowledge_base';
import { awsCloudfrontDistribution } from './aws/aws_cloudfront_distribution';
import { awsCloudwatchCompositeAlarm } from './aws/aws_cloudwatch_composite_alarm';
import { awsCloudwatchDashboard } from './aws/aws_cloudwatch_dashboard';
import { awsCloudwatchLogGroup } from './aws/aws_cloudwatch_log_group';
import { awsCloudwatchMetricAlarm } from './aws/aws_cloudwatch_metric_alarm';
import { awsDbInstance } from './aws/aws_db_instance';
import { awsDynamodbTable } from './aws/aws_dynamodb_table';
import { awsEbsVolume } from './aws/aws_ebs_volume';
import { awsEfsFileSystem } from './aws/aws_efs_file_system';
import { awsEip } from './aws/aws_eip';
import { awsEksCluster } from './aws/aws_eks_cluster';
import { awsElasticacheCluster } from './aws/aws_elasticache_cluster';
import { awsElasticacheReplicationGroup } from './aws/aws_elasticache_replication_group';
import { awsInstance } from './aws/aws_instance';
import { awsKmsKey } from './aws/aws_kms_key';
import { awsLb } from './aws/aws_lb';
import { awsNatGateway } from './aws/aws_nat_gateway';
import { awsOpensearchserverlessCollection } from './aws/aws_opensearchserverless_collection';
import { awsRdsCluster } from './aws/aws_rds_cluster';
import { awsRdsClusterInstance } from './aws/aws_rds_cluster_instance';
import { awsRoute53Record } from './aws/aws_route53_record';
import { awsRoute53Zone } from './aws/aws_route53_zone';
import { awsS3Bucket } from './aws/aws_s3_bucket';
import { awsSecretsmanagerSecret } from './aws/aws_secretsmanager_secret';
import { awsSnsTopic } from './aws/aws_sns_topic';
import { awsSqsQueue } from './aws/aws_sqs_queue';
import { awsVpc } from './aws/aws_vpc';
import { awsVpcEndpoint } from './aws/aws_vpc_endpoint';
import { awsWafv2WebAcl } from './aws/aws_wafv2_web_acl';
import { awsEcsService } from './aws/aws_ecs_service';
import { awsLambdaFunction } from './aws/aws_lambda_function';
import { awsApiGatewayRestApi } from './aws/aws_api_gateway_rest_api';
import { awsApigatewayv2Api } from './aws/aws_apigatewayv2_api';
import { awsEksNodeGroup } from './aws/aws_eks_node_group';
import { awsOpensearchDomain } from './aws/aws_opensearch_domain';
import { awsDocdbCluster } from './aws/aws_docdb_cluster';
import { awsDocdbClusterInstance } from './aws/aws_docdb_cluster_instance';
import { awsMqBroker } from './aws/aws_mq_broker';
import { awsBedrockProvisionedModelThroughput } from './aws/aws_bedrock_provisioned_model_throughput';
import { awsBedrockagentAgent } from './aws/aws_bedrockagent_agent';
import { FREE_TYPES } from './free-types';
import { githubRepository } from './github/github_repository';
import { kubernetesCronJob } from './kubernetes/kubernetes_cron_job';
import { kubernetesDaemonSet } from './kubernetes/kubernetes_daemon_set_v1';
import { kubernetesDeployment } from './kubernetes/kubernetes_deployment';
import { kubernetesHorizontalPodAutoscaler } from './kubernetes/kubernetes_horizontal_pod_autoscaler';
import { kubernetesJob } from './kubernetes/kubernetes_job';
import { kubernetesManifest } from './kubernetes/kubernetes_manifest';
import { kubernetesPodDisruptionBudget } from './kubernetes/kubernetes_pod_disruption_budget_v1';
import { kubernetesService } from './kubernetes/kubernetes_service';
import { kubernetesStatefulSet } from './kubernetes/kubernetes_stateful_set';
import type { ResourceType } from './resource-type';

/** Types with a file of their own (a test checks that every file under aws/, kubernetes/ and github/ is listed). */
export const TYPE_FILES: readonly ResourceType[] = [
  awsS3Bucket,
  awsSqsQueue,
  awsCloudwatchLogGroup,
  awsNatGateway,
  awsLb,
  awsRdsCluster,
  awsSecretsmanagerSecret,
  awsCloudfrontDistribution,
  awsSnsTopic,
  kubernetesCronJob,
  awsKmsKey,
  awsEfsFileSystem,
  awsRoute53Record,
  awsWafv2WebAcl,
  awsAcmCertificate,
  awsAutoscalingGroup,
  awsCloudwatchCompositeAlarm,
  awsCloudwatchDashboard,
  awsCloudwatchMetricAlarm,
  awsDbInstance,
  awsDynamodbTable,
  awsEbsVolume,
  awsEip,
  awsEksCluster,
  awsElasticacheCluster,
  awsElasticacheReplicationGroup,
  awsInstance,
  awsRdsClusterInstance,
  awsRoute53Zone,
  awsVpc,
  awsVpcEndpoint,
  awsEcsService,
  awsLambdaFunction,
  awsApiGatewayRestApi,
  awsApigatewayv2Api,
  awsEksNodeGroup,
  awsOpensearchDomain,
  awsDocdbCluster,
  awsDocdbClusterInstance,
  awsMqBroker,
  awsOpensearchserverlessCollection,
  awsBedrockagentKnowledgeBase,
  awsBedrockCustomModel,
  awsBedrockProvisionedModelThroughput,
  awsBedrockagentAgent,
  kubernetesDaemonSet,
  kubernetesDeployment,
  kubernetesHorizontalPodAutoscaler,
  kubernetesJob,
  kubernetesManifest,
  kubernetesPodDisruptionBudget,
  kubernetesService,
  kubernetesStatefulSet,
  githubRepository,
];

/** Every type the platform knows: its own files, then the plain free ones. */
export const RESOURCE_TYPES: readonly ResourceType[] = [...TYPE_FILES, ...FREE_TYPES];
