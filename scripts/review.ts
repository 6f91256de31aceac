/**
 * `npm run review [-- --base <git ref>]`: what a person runs before pushing. Synthesizes the base
 * ref (default: the merge base with main) in a temporary git worktree, synthesizes the working
 * tree into cdktf.out, and prints the PR report. The temporary worktree is removed on success,
 * on failure and on Ctrl-C. Guardrail errors do not stop the synth: the report is written with
 * them first, and review then exits 1 naming each (rule, resource, message).
 */
import * as path from 'path';
import { Command } from 'commander';
import { writePrReport } from '../catalog/pr-report/write-report';
import { GroundworkError } from '../model/errors';
import { runCommand } from '../model/run-command';
import { git, resolveRef, synth, withRefSynthesized } from './ref-synth';

runCommand(() => {
  const options = new Command('review')
    .description('Synthesize a base git ref and the working tree, and print the PR report')
    .option('--base <ref>', 'git ref to compare with (default: the merge base with main)')
    .option('--out <dir>', 'folder for pr-report.md and pr-report.json', 'pr-report')
    .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : 1))
    .parse()
    .opts<{ base?: string; out: string }>();
  const cwd = process.cwd();
  const top = git(['rev-parse', '--show-toplevel'], cwd);
  if (!top.ok) throw new GroundworkError(`${cwd} is not in a git repository: npm run review compares the working tree with a git ref.`);
  let ref = options.base;
  if (ref === undefined) {
    const mergeBase = git(['merge-base', 'HEAD', 'main'], cwd);
    if (!mergeBase.ok) throw new GroundworkError('There is no merge base with main (no branch "main" here?): pass --base <git ref>.');
    ref = mergeBase.out;
  }
  const commit = resolveRef(cwd, ref, '--base');
  withRefSynthesized(cwd, ref, commit, (base) => {
    process.stderr.write('Synthesizing the working tree into cdktf.out...\n');
    synth(cwd, path.join(cwd, 'cdktf.out'), 'working tree');
    const { report, markdown, files } = writePrReport({ base, head: path.join(cwd, 'cdktf.out'), out: options.out, source: top.out });
    process.stdout.write(markdown);
    process.stderr.write(`Report: ${files.join(', ')}\n`);
    const errors = report.guardrailErrors;
    if (errors.length) {
      throw new GroundworkError(
        `The working tree fails ${errors.length} guardrail${errors.length === 1 ? '' : 's'}: fix ${errors.length === 1 ? 'it' : 'them'} or suppress ${errors.length === 1 ? 'it' : 'them'} with a reason (the report above lists them first):`,
        errors.map((x) => `${x.rule}: ${x.stack} ${x.address}: ${x.message}`),
        { outputWritten: true },
      );
    }
  });
});
