import { callsOf, describeCalls } from '../../function-calls';
import { COMPLIANT, defineRule, nonCompliant, RuleResult } from '../../rule';

/** Terraform functions that read the machine running Terraform: its files, home directory or working directory. */
export const FILESYSTEM_FUNCTIONS = [
  'file', 'fileexists', 'fileset', 'filebase64', 'filebase64sha256', 'filebase64sha512', 'filemd5', 'filesha1', 'filesha256', 'filesha512',
  'templatefile', 'pathexpand', 'abspath',
];

function check(value: unknown): RuleResult {
  const calls = callsOf(value, FILESYSTEM_FUNCTIONS);
  return calls.length ? nonCompliant(`calls ${describeCalls(calls)}, which reads the file system of whoever runs Terraform`) : COMPLIANT;
}

export default defineRule(__filename, {
  rationale: 'A filesystem function puts whatever file the machine running Terraform holds (a key, a token, /etc/passwd) into the plan, the state and the cloud; the output must mean the same on every machine.',
  fix: 'Write the value into the configuration as a literal (escape "${" as "$${"), or pass it as a variable from the pipeline.',
  types: '*',
  check: (r) => check(r.body),
  checkBlock: (b) => check(b.body),
});
