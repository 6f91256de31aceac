/**
 * `npm run check-remote-state -- [--dir cdktf.out] <stack>...`: the deploy workflow's guard. Exits 1
 * with one sentence per stack whose state is not remote (a runner's local state file is gone when
 * the job ends, and the next apply would create everything again); prints the backends otherwise.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Command } from 'commander';
import { GroundworkError } from '../model/errors';
import { readJsonFile } from '../model/read-json';
import { runCommand } from '../model/run-command';
import { localStateProblem } from '../catalog/terraform/state-backend';

runCommand(() => {
  const program = new Command('check-remote-state')
    .description('refuse stacks whose Terraform state is local')
    .argument('<stacks...>', 'the stacks about to be applied')
    .option('--dir <dir>', 'synthesized output', 'cdktf.out')
    .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : 1))
    .parse();
  const { dir } = program.opts<{ dir: string }>();
  const problems: string[] = [];
  for (const stack of program.args) {
    const file = path.join(dir, 'stacks', stack, 'cdk.tf.json');
    if (!/^[A-Za-z0-9_-]+$/.test(stack) || !fs.existsSync(file)) {
      problems.push(`Stack "${stack}" is not in ${dir}/stacks: run npm run synth first, or name a synthesized stack.`);
      continue;
    }
    const problem = localStateProblem(readJsonFile(file, `The stack ${file}`));
    if (problem) problems.push(`Stack ${stack} ${problem} (${file}): a runner's files are gone after the job; set state.backend to "s3" in the organisation settings and apply the bootstrap stack.`);
  }
  if (problems.length) throw new GroundworkError(`Refusing to deploy on local state:`, problems);
  console.log(`Remote state: ${program.args.join(', ')}.`);
});
