/**
 * `npm run adoption [-- <output dir>] [--base <dir>] [--since <git ref>] [--out <dir>]`: golden-path
 * adoption from the analysis outputs (default cdktf.out): services per golden path and resources
 * outside any per team, scorecard levels per team, tag coverage; with --base (an earlier output)
 * or --since (a git ref, synthesized in a temporary worktree) the trend between the two.
 * Writes adoption.json and adoption.md (atomically) and prints the Markdown.
 */
import * as path from 'path';
import { Command } from 'commander';
import { adoptionReport, adoptionTrend } from '../catalog/adoption/adoption-report';
import { adoptionMarkdown } from '../catalog/adoption/adoption-markdown';
import { readAnalysisOutputs } from '../catalog/adoption/read-outputs';
import { replaceFolder } from '../model/atomic-write';
import { claimOutputFolder, onlyEntries, OutputKind } from '../model/output-folder';
import { GroundworkError } from '../model/errors';
import { runCommand } from '../model/run-command';
import { stableJson } from '../model/stable-json';
import { TERMINAL_OUTPUT, writeErr, writeOut } from '../model/terminal-text';
import { resolveRef, withRefSynthesized } from './ref-synth';

const ADOPTION_OUTPUT: OutputKind = { id: 'adoption', name: 'the adoption report', writtenBefore: onlyEntries(['adoption.json'], (e) => e === 'adoption.md') };

runCommand(() => {
  const program = new Command('adoption').configureOutput(TERMINAL_OUTPUT)
    .description('Golden-path adoption per team, scorecards, tag coverage, and the trend since an earlier output')
    .argument('[dir]', 'synthesized output (or its catalog folder)', 'cdktf.out')
    .option('--base <dir>', 'an earlier synthesized output to compare with')
    .option('--since <ref>', 'a git ref to synthesize and compare with')
    .option('--out <dir>', 'folder for adoption.json and adoption.md', 'adoption')
    .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : 1))
    .parse();
  const options = program.opts<{ base?: string; since?: string; out: string }>();
  const dir = program.args[0] ?? 'cdktf.out';
  if (options.base && options.since) throw new GroundworkError('Give --base or --since, not both: the trend compares one earlier output with this one.');
  claimOutputFolder(options.out, ADOPTION_OUTPUT);
  const head = readAnalysisOutputs(dir);
  const report = adoptionReport(head.catalog, head.policy);
  const baseReport = (baseDir: string) => {
    const base = readAnalysisOutputs(baseDir);
    return adoptionReport(base.catalog, base.policy);
  };
  let trend;
  if (options.base) trend = adoptionTrend(baseReport(options.base), report, path.basename(path.resolve(options.base)));
  if (options.since) {
    const cwd = process.cwd();
    const commit = resolveRef(cwd, options.since, '--since');
    trend = withRefSynthesized(cwd, options.since, commit, (baseDir) => adoptionTrend(baseReport(baseDir), report, options.since!));
  }
  const markdown = adoptionMarkdown(report, trend);
  replaceFolder(options.out, ADOPTION_OUTPUT, new Map([
    ['adoption.json', stableJson({ ...report, ...(trend ? { trend } : {}) })],
    ['adoption.md', markdown],
  ]));
  writeOut(markdown);
  writeErr(`Report: ${path.join(options.out, 'adoption.json')}, ${path.join(options.out, 'adoption.md')}\n`);
});
