/**
 * `npm run plan-digest -- [--head <dir>] [--plans <dir>] [--expect <digest>]`: prints the
 * fingerprint of the planned actions; with --expect (the digest recorded on the merged pull
 * request), exits 1 when the new plan differs: the deploy job's "what was reviewed is applied".
 */
import * as path from 'path';
import { Command } from 'commander';
import { stackPlans } from '../catalog/pr-report/build-report';
import { readSynthesizedOutput } from '../catalog/pr-report/output-folder';
import { planDigest } from '../catalog/pr-report/plan-digest';
import { GroundworkError } from '../model/errors';
import { runCommand } from '../model/run-command';

runCommand(() => {
  const options = new Command('plan-digest')
    .option('--head <dir>', 'synthesized output that was planned', 'cdktf.out')
    .option('--plans <dir>', 'plans written by npm run plan (default: <head>/plans)')
    .option('--expect <digest>', 'the digest recorded on the merged pull request')
    .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : 1))
    .parse()
    .opts<{ head: string; plans?: string; expect?: string }>();
  const head = readSynthesizedOutput(options.head, 'head');
  const digest = planDigest(stackPlans(options.plans ?? path.join(options.head, 'plans'), head, head, []));
  if (options.expect !== undefined && options.expect !== digest) {
    throw new GroundworkError(`The planned actions differ from the plan reviewed on the pull request (digest ${digest}, reviewed ${options.expect || 'none recorded'}): nothing is deployed; re-run the pull request's checks.`);
  }
  console.log(digest);
});
