import { stringsIn } from '../../../terraform/configuration-blocks';
import { evaluate } from '../../../terraform/hcl-expression';
import { COMPLIANT, defineRule, nonCompliant, RuleResult } from '../../rule';

/** Arguments that hold a secret by their name. */
const SECRET_ARGUMENT = /^(?:[a-z0-9_]*_)?(?:password|passwd|secret|client_secret|secret_key|secret_access_key|private_key|private_key_pem|api_key|token|auth_token|access_token|secret_string|plaintext_value)$/;
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

/** Where a value holds a literal secret; the secret itself is never repeated. */
function secretsIn(value: unknown, type: string): string[] {
  const found: string[] = [];
  for (const { path, key, text } of stringsIn(value)) {
    const inSecretData = KUBERNETES_SECRETS.includes(type) && /^(data|binary_data|string_data)\./.test(path);
    const named = SECRET_ARGUMENT.test(key) || inSecretData;
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

function check(value: unknown, type: string): RuleResult {
  const found = secretsIn(value, type);
  if (!found.length) return COMPLIANT;
  const hint = DATABASES.includes(type) ? '; let the database keep its password in Secrets Manager (manage_master_user_password = true)' : '';
  return nonCompliant(`holds ${found.join(', ')}: a secret in the configuration is in every checkout, plan and state${hint}`);
}

export default defineRule(__filename, {
  rationale: 'A secret written into the configuration is readable by everyone with the repository, the plan or the state, and cannot be rotated without a commit.',
  fix: 'Take secrets from a secret store at apply time (manage_master_user_password for databases, a reference to aws_secretsmanager_secret_version, or a sensitive variable set by the pipeline).',
  types: '*',
  check: (r) => check(r.body, r.type),
  checkBlock: (b) => check(b.body, b.address.startsWith('data.') ? b.address.split('.')[1] : ''),
});
