/**
 * Resource types that hold data: deleting or replacing one loses it. For each, the attributes
 * whose change makes Terraform replace the resource (the provider schema's ForceNew), so the JSON
 * comparison can name a replacement even where no plan was run.
 * Source: hashicorp/aws 5.100.0 resource documentation ("Forces new resource").
 */
export const STATEFUL_TYPES: Readonly<Record<string, { readonly what: string; readonly replacedBy: readonly string[] }>> = {
  aws_db_instance: { what: 'database', replacedBy: ['identifier', 'identifier_prefix', 'engine', 'availability_zone', 'db_name', 'kms_key_id', 'storage_encrypted', 'username', 'character_set_name', 'timezone'] },
  aws_rds_cluster: { what: 'database cluster', replacedBy: ['cluster_identifier', 'cluster_identifier_prefix', 'engine', 'database_name', 'kms_key_id', 'storage_encrypted', 'master_username', 'availability_zones'] },
  aws_dynamodb_table: { what: 'table', replacedBy: ['name', 'hash_key', 'range_key'] },
  aws_elasticache_replication_group: { what: 'cache', replacedBy: ['replication_group_id', 'at_rest_encryption_enabled', 'subnet_group_name'] },
  aws_s3_bucket: { what: 'bucket', replacedBy: ['bucket', 'bucket_prefix', 'object_lock_enabled'] },
  aws_sqs_queue: { what: 'queue', replacedBy: ['name', 'name_prefix', 'fifo_queue'] },
  aws_cloudwatch_log_group: { what: 'log group', replacedBy: ['name', 'name_prefix'] },
  aws_kms_key: { what: 'KMS key', replacedBy: ['customer_master_key_spec', 'key_usage', 'multi_region'] },
  aws_efs_file_system: { what: 'file system', replacedBy: ['creation_token', 'encrypted', 'kms_key_id', 'performance_mode'] },
  aws_secretsmanager_secret: { what: 'secret', replacedBy: ['name', 'name_prefix'] },
};

/** Attributes that protect a resource from deletion, and the value that means "protected". */
export const DELETION_PROTECTION: Readonly<Record<string, { readonly attribute: string; readonly protectedWhen: unknown }>> = {
  aws_db_instance: { attribute: 'deletion_protection', protectedWhen: true },
  aws_rds_cluster: { attribute: 'deletion_protection', protectedWhen: true },
  aws_dynamodb_table: { attribute: 'deletion_protection_enabled', protectedWhen: true },
  aws_s3_bucket: { attribute: 'force_destroy', protectedWhen: false },
  aws_kms_key: { attribute: 'deletion_window_in_days', protectedWhen: 30 },
  github_repository: { attribute: 'archive_on_destroy', protectedWhen: true },
};
