/**
 * The facts the guardrails take from the AWS provider's schema are checked-in JSON
 * (catalog/policy/aws-taggable-types.json, aws-sensitive-arguments.json), written by
 * `npm run provider-schema-facts`. This recomputes them from the pinned provider in the mirror and
 * fails when a file is stale, naming the command that refreshes it.
 */
import * as fs from 'fs';
import * as path from 'path';
import { readAwsProviderSchema } from '../scripts/aws-provider-schema';
import { providerSchemaFiles } from '../scripts/provider-schema-files';
import { withTerraform } from './helpers/terraform';

withTerraform.test('the checked-in schema facts match the pinned AWS provider (else: npm run provider-schema-facts)', () => {
  const files = providerSchemaFiles(readAwsProviderSchema());
  expect(Object.keys(files).sort()).toEqual(['catalog/policy/aws-sensitive-arguments.json', 'catalog/policy/aws-taggable-types.json']);
  for (const [file, text] of Object.entries(files)) expect({ file, text: fs.readFileSync(path.join(__dirname, '..', file), 'utf8') }).toEqual({ file, text });
  // What terraform/no-literal-secrets relies on: the schema, not the name, says what a secret is.
  const sensitive = JSON.parse(files['catalog/policy/aws-sensitive-arguments.json']);
  expect(sensitive.resources.aws_db_instance).toContain('password');
  expect(sensitive.resources.aws_lb_listener).toContain('default_action.authenticate_oidc.client_secret');
  expect(sensitive.resources.aws_cognito_user_pool_client ?? []).not.toContain('token_validity_units.access_token');
  expect(sensitive.resources.aws_efs_file_system).toBeUndefined();
});
