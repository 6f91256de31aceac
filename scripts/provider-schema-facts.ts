/**
 * `npm run provider-schema-facts`: regenerates, from the AWS provider's own schema (`terraform providers
 * schema -json`), the facts the guardrails take from it: catalog/policy/aws-taggable-types.json
 * (types that take tags) and catalog/policy/aws-sensitive-arguments.json (arguments the schema
 * marks sensitive, for terraform/no-literal-secrets), without importing any provider package.
 * Needs terraform and the provider mirror (GROUNDWORK_TF_MIRROR); run it when the pinned provider
 * version changes (test/provider-schema-facts.test.ts says when a file is stale).
 */
import * as path from 'path';
import { replaceFile } from '../model/atomic-write';
import { runCommand } from '../model/run-command';
import { printLine } from '../model/terminal-text';
import { providerSchemaFiles } from './provider-schema-files';
import { readAwsProviderSchema } from './aws-provider-schema';

runCommand(() => {
  const root = path.join(__dirname, '..', '..');
  for (const [file, text] of Object.entries(providerSchemaFiles(readAwsProviderSchema()))) {
    replaceFile(path.join(root, file), text);
    printLine(`Wrote ${file}.`);
  }
});
