import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { Fn, TerraformOutput } from 'cdktf';
import { Construct } from 'constructs';
import { stampAwsOwnership } from './aws-ownership-tags';
import type { Environment } from './environment';
import { terraformLiteral } from './literal';
import { checkName, NAME_RULES } from './names';
import type { IGrantee, PolicyStatement } from './grantee';
import { inlinePolicy } from './inline-policy';
import type { Ownership } from './ownership';
import { VECTOR_TABLE } from './vector-cluster';

/** Field names Bedrock writes in an OpenSearch index (its documented defaults). */
export const INDEX_FIELDS = { vector: 'embedding', text: 'AMAZON_BEDROCK_TEXT_CHUNK', metadata: 'AMAZON_BEDROCK_METADATA' } as const;

/** The index body Bedrock needs: a FAISS HNSW vector field of the model's size, the chunk text, unindexed metadata. */
export function openSearchIndexBody(dimensions: number): string {
  return JSON.stringify({
    settings: { 'index.knn': true },
    mappings: { properties: { [INDEX_FIELDS.vector]: { type: 'knn_vector', dimension: dimensions, method: { name: 'hnsw', engine: 'faiss', space_type: 'l2' } }, [INDEX_FIELDS.text]: { type: 'text' }, [INDEX_FIELDS.metadata]: { type: 'text', index: false } } },
  });
}

/**
 * The setup step for an OpenSearch Serverless collection: creates the vector index unless it
 * exists (idempotent). Run from inside the VPC (the collection takes no public traffic) with the
 * setup role's credentials; curl signs the requests (SigV4, service aoss).
 */
export function openSearchSetupScript(p: { service: string; environment: string; region: string; endpoint: string; indexName: string; dimensions: number; setupRoleArn: string }): string {
  return [
    '#!/usr/bin/env bash',
    `# Setup step of the knowledge base ${p.service} in ${p.environment}: creates its vector index, which must exist before the knowledge base. Idempotent.`,
    `# Run from inside the VPC (the collection is private) as ${p.setupRoleArn}, e.g. in the deploy pipeline after the first apply.`,
    'set -euo pipefail',
    `eval "$(aws configure export-credentials --format env)"`,
    `signed() { curl -sS --aws-sigv4 'aws:amz:${p.region}:aoss' --user "$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY" -H "x-amz-security-token: $AWS_SESSION_TOKEN" "$@"; }`,
    `index='${p.endpoint}/${p.indexName}'`,
    `if [ "$(signed -o /dev/null -w '%{http_code}' -I "$index")" = 200 ]; then echo "index ${p.indexName} exists"; exit 0; fi`,
    `signed --fail-with-body -X PUT -H 'content-type: application/json' "$index" --data '${openSearchIndexBody(p.dimensions)}'`,
    '',
  ].join('\n');
}

/**
 * The setup step for an Aurora pgvector store, through the Data API. Idempotent. Part 1 is the
 * platform team's, with the master secret (only the master may create roles and the extension):
 * the knowledge base's own user, its password generated once and kept only in that user's
 * secret. Part 2 runs as that user, with its own secret: the table and its indexes.
 */
export function auroraSetupScript(p: { service: string; environment: string; clusterArn: string; databaseName: string; userName: string; userSecretArn: string; masterSecretArn: string; dimensions: number }): string {
  const { schema, table, columns: c } = VECTOR_TABLE;
  const sql = (secret: string, statement: string) => `aws rds-data execute-statement --resource-arn '${p.clusterArn}' --database '${p.databaseName}' --secret-arn '${secret}' --sql "${statement}" > /dev/null`;
  return [
    '#!/usr/bin/env bash',
    `# Setup step of the knowledge base ${p.service} in ${p.environment}: its database user, vector table and indexes, which must exist before the knowledge base. Idempotent.`,
    'set -euo pipefail',
    `# 1. The knowledge base's own user (platform team, master secret; the knowledge base never reads it). The password is made once and kept in the user's secret.`,
    `if ! aws secretsmanager get-secret-value --secret-id '${p.userSecretArn}' > /dev/null 2>&1; then`,
    `  password="$(aws secretsmanager get-random-password --exclude-punctuation --password-length 40 --query RandomPassword --output text)"`,
    `  aws secretsmanager put-secret-value --secret-id '${p.userSecretArn}' --secret-string "{\\"username\\":\\"${p.userName}\\",\\"password\\":\\"$password\\"}" > /dev/null`,
    'fi',
    `password="$(aws secretsmanager get-secret-value --secret-id '${p.userSecretArn}' --query SecretString --output text | python3 -c 'import json,sys; print(json.load(sys.stdin)["password"])')"`,
    sql(p.masterSecretArn, 'CREATE EXTENSION IF NOT EXISTS vector'),
    sql(p.masterSecretArn, `DO \\$g\\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${p.userName}') THEN CREATE ROLE ${p.userName} LOGIN; END IF; END \\$g\\$`),
    sql(p.masterSecretArn, `ALTER ROLE ${p.userName} WITH LOGIN PASSWORD '$password'`),
    sql(p.masterSecretArn, `CREATE SCHEMA IF NOT EXISTS ${schema} AUTHORIZATION ${p.userName}`),
    `# 2. The vector table and its indexes, as the knowledge base's user (its own secret).`,
    sql(p.userSecretArn, `CREATE TABLE IF NOT EXISTS ${schema}.${table} (${c.id} uuid PRIMARY KEY, ${c.vector} vector(${p.dimensions}), ${c.text} text, ${c.metadata} json)`),
    sql(p.userSecretArn, `CREATE INDEX IF NOT EXISTS ${table}_${c.vector} ON ${schema}.${table} USING hnsw (${c.vector} vector_cosine_ops)`),
    sql(p.userSecretArn, `CREATE INDEX IF NOT EXISTS ${table}_${c.text} ON ${schema}.${table} USING gin (to_tsvector('simple', ${c.text}))`),
    '',
  ].join('\n');
}

export interface VectorStoreSetupProps {
  readonly environment: Environment;
  readonly ownership: Ownership;
  /** Who may assume the setup role: the environment's deploy pipeline role, else the account. */
  readonly trustedPrincipalArn: string;
}

/**
 * The role the setup step runs as (it may create the index or table, nothing else; grants come
 * from the store), and the step itself as the stack output `<service>-knowledge-base-setup`.
 */
export class VectorStoreSetup extends Construct implements IGrantee {
  readonly role: IamRole;
  readonly roleArn: string;
  readonly outputName: string;

  constructor(scope: Construct, id: string, props: VectorStoreSetupProps) {
    super(scope, id);
    stampAwsOwnership(this, props.ownership, props.environment.defaultTags);
    const name = checkName(this.node.path, 'IAM role', `${props.ownership.service}-${props.environment.name}-kb-setup`, NAME_RULES.iamRole);
    this.role = new IamRole(this, 'role', {
      name,
      description: `Runs the setup step of the knowledge base ${props.ownership.service} in ${props.environment.name}`,
      assumeRolePolicy: Fn.jsonencode({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: props.trustedPrincipalArn }, Action: 'sts:AssumeRole' }] }),
    });
    this.roleArn = this.role.arn;
    this.outputName = `${props.ownership.service}-knowledge-base-setup`;
  }

  grant(id: string, statements: readonly PolicyStatement[]): void {
    inlinePolicy(this, id, this.role.id, statements);
  }

  /** Publishes the step (a script whose literal text is escaped for Terraform; its references resolve). */
  publish(script: string): void {
    const output = new TerraformOutput(this, 'script', { value: terraformLiteral(script), description: `Setup step of the knowledge base ${this.node.scope?.node.id ?? ''}: creates its vector index or table before the knowledge base (idempotent)` });
    output.overrideLogicalId(this.outputName);
  }
}
