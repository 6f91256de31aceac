import { stringsIn } from '../../../terraform/configuration-blocks';
import { evaluate } from '../../../terraform/hcl-expression';
import sensitiveArguments from '../../aws-sensitive-arguments.json';
import { COMPLIANT, defineRule, nonCompliant, RuleResult } from '../../rule';

/** Arguments the AWS provider's schema marks sensitive, per type (`npm run provider-schema-facts`). */
const AWS_RESOURCE_ARGUMENTS = toSets(sensitiveArguments.resources);
const AWS_DATA_ARGUMENTS = toSets(sensitiveArguments.dataSources);
/**
 * Only hashicorp/aws is in the provider mirror: for the other providers the platform uses, the
 * arguments their documentation marks sensitive, and each provider's own credentials (the AWS
 * schema marks none of its provider arguments sensitive, yet a secret_key is one).
 */
const OTHER_RESOURCE_ARGUMENTS = toSets({
  github_actions_secret: ['plaintext_value'],
  github_actions_environment_secret: ['plaintext_value'],
  github_actions_organization_secret: ['plaintext_value'],
  github_codespaces_secret: ['plaintext_value'],
  github_codespaces_organization_secret: ['plaintext_value'],
  github_dependabot_secret: ['plaintext_value'],
  github_dependabot_organization_secret: ['plaintext_value'],
});
const PROVIDER_ARGUMENTS = toSets({ aws: ['secret_key', 'token'], github: ['token', 'app_auth.pem_file'], kubernetes: ['token', 'password', 'client_key'] });

function toSets(byType: Record<string, string[]>): Map<string, Set<string>> {
  return new Map(Object.entries(byType).map(([type, paths]) => [type, new Set(paths)]));
}

/** Where an argument sits, without list indexes: `default_action[0].authenticate_oidc[0].client_secret` -> `default_action.authenticate_oidc.client_secret`. */
const argumentPath = (at: string) => at.replace(/\[\d+\]/g, '');

/** Text that is a secret wherever it stands. */
const SECRET_TEXT: ReadonlyArray<[RegExp, string]> = [
  [/-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY( BLOCK)?-----/, 'a private key'],
  [/\bAKIA[0-9A-Z]{16}\b/, 'an AWS access key id'],
  [/\bgh[pousr]_[A-Za-z0-9]{36,}\b|\bgithub_pat_[A-Za-z0-9_]{22,}/, 'a GitHub token'],
  [/\bxox[abposr]-[A-Za-z0-9-]{10,}/, 'a Slack token'],
  [/\b[sr]k_live_[A-Za-z0-9]{16,}/, 'a Stripe key'],
  [/\bAIza[0-9A-Za-z_-]{35}\b/, 'a Google API key'],
];
/** One cheap test before the patterns above: most strings hold none of these. */
const SECRET_HINT = /PRIVATE KEY|AKIA|gh[pousr]_|github_pat_|xox[abposr]-|k_live_|AIza/;
const KUBERNETES_SECRETS = ['kubernetes_secret', 'kubernetes_secret_v1'];
const DATABASES = ['aws_db_instance', 'aws_rds_cluster', 'aws_docdb_cluster', 'aws_neptune_cluster', 'aws_redshift_cluster'];

/** Where a value holds a literal secret; the secret itself is never repeated. `sensitive` holds the arguments that are secrets by the schema. */
function secretsIn(value: unknown, type: string, sensitive: Set<string> | undefined): string[] {
  const found: string[] = [];
  for (const { path, text } of stringsIn(value)) {
    const inSecretData = KUBERNETES_SECRETS.includes(type) && /^(data|binary_data|string_data)\./.test(path);
    const named = inSecretData || (sensitive !== undefined && sensitive.has(argumentPath(path)));
    // A template may spell a secret with escapes ("\u0050RIVATE KEY"): those are evaluated too.
    // (A secret assembled by functions, base64decode(...), is beyond what synth can see.)
    if (!named && !SECRET_HINT.test(text) && !(text.includes('${') && /\\[uU]/.test(text))) continue;
    // What Terraform will send: `${"hunter2"}` is as literal as "hunter2"; a reference is not a literal.
    const evaluated = evaluate(text);
    if (typeof evaluated !== 'string' || evaluated === '') continue;
    if (named) {
      found.push(`a literal ${path}`);
      continue;
    }
    const kind = SECRET_TEXT.find(([pattern]) => pattern.test(evaluated));
    if (kind) found.push(`${kind[1]} in ${path}`);
  }
  return found;
}

const SENSITIVE_VARIABLE = new Set(['default']);
const isSensitiveVariable = (body: unknown) => !!body && typeof body === 'object' && [true, 'true'].includes((body as Record<string, unknown>).sensitive as never);

function check(value: unknown, type: string, sensitive: Set<string> | undefined): RuleResult {
  const found = secretsIn(value, type, sensitive);
  if (!found.length) return COMPLIANT;
  const hint = DATABASES.includes(type) ? '; let the database keep its password in Secrets Manager (manage_master_user_password = true)' : '';
  return nonCompliant(`holds ${found.join(', ')}: a secret in the configuration is in every checkout, plan and state${hint}`);
}

export default defineRule(__filename, {
  rationale: 'An argument the provider marks sensitive, or text shaped like a key, written into the configuration is readable by everyone with the repository, the plan or the state, and cannot be rotated without a commit.',
  fix: 'Take secrets from a secret store at apply time (manage_master_user_password for databases, a reference to aws_secretsmanager_secret_version, or a sensitive variable set by the pipeline).',
  types: '*',
  check: (r) => {
    // The schema marks every SSM parameter's value sensitive; only a SecureString holds a secret by its type.
    if (r.type === 'aws_ssm_parameter' && r.body.type !== 'SecureString') return check(r.body, r.type, undefined);
    return check(r.body, r.type, AWS_RESOURCE_ARGUMENTS.get(r.type) ?? OTHER_RESOURCE_ARGUMENTS.get(r.type));
  },
  checkBlock: (b) => {
    const [kind, name] = b.address.split('.');
    if (kind === 'data') return check(b.body, name, AWS_DATA_ARGUMENTS.get(name));
    if (kind === 'provider') return check(b.body, '', PROVIDER_ARGUMENTS.get(name));
    // A variable declared sensitive holds a secret: a literal default writes it into the configuration.
    if (kind === 'var' && isSensitiveVariable(b.body)) return check(b.body, '', SENSITIVE_VARIABLE);
    return check(b.body, '', undefined);
  },
});
