/**
 * `npm run pr-report -- --base <dir> --head <dir> [--plans <dir>] [--out <dir>]`: compares two
 * synthesized outputs (base branch and pull request) and writes pr-report.md (the PR comment)
 * and pr-report.json. A head that fails its guardrails still gets the whole report (errors first);
 * the command then exits 1 naming each error.
 */
import { Command } from 'commander';
import { guardrailFailure, writePrReport } from '../catalog/pr-report/write-report';
import { runCommand } from '../model/run-command';
import { TERMINAL_OUTPUT, printLine } from '../model/terminal-text';

runCommand(() => {
  const options = new Command('pr-report').configureOutput(TERMINAL_OUTPUT)
    .description('Compare the synthesized output of a base branch and a pull request')
    .requiredOption('--base <dir>', 'synthesized output of the base branch')
    .requiredOption('--head <dir>', 'synthesized output of the pull request')
    .option('--plans <dir>', 'plans of the head written by npm run plan (e.g. cdktf.out/plans)')
    .option('--out <dir>', 'folder for pr-report.md and pr-report.json', 'pr-report')
    .option('--source <dir>', "the head's project folder, where added suppressions are found by file and line", '.')
    .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : 1))
    .parse()
    .opts<{ base: string; head: string; plans?: string; out: string; source: string }>();
  const { report, files } = writePrReport(options);
  const s = report.summary;
  printLine(
    `${s.danger} danger line${s.danger === 1 ? '' : 's'}; ${s.resourcesAdded} resources added, ${s.resourcesRemoved} removed, ${s.resourcesChanged} changed; ` +
      `monthly cost ${s.monthlyUsd.difference >= 0 ? '+' : '-'}$${Math.abs(s.monthlyUsd.difference).toFixed(2)}; ${s.newFindings} new findings.`,
  );
  printLine(`Report: ${files.join(', ')}`);
  const failure = guardrailFailure(report);
  if (failure) throw failure;
});
