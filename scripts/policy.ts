/**
 * `npm run policy -- <dir>`: the analysis of a synthesized output directory or any folder of
 * Terraform JSON; prints the guardrail findings (or, with --format sarif, a SARIF 2.1.0 log of
 * them on stdout for code scanning) and exits 1 on errors. Writes every report, from the same
 * inputs as synth.
 */
import * as path from 'path';
import { Command, Option } from 'commander';
import { writeAnalysis } from '../catalog/analyse';
import { policySummary } from '../catalog/policy/report';
import { sarifReport } from '../catalog/policy/sarif-report';
import { runCommand } from '../model/run-command';
import { TERMINAL_OUTPUT, printLine, writeErr, writeJsonOut } from '../model/terminal-text';
import { analysisRequest, withAnalysisFlags } from './analysis-flags';

runCommand(() => {
  const program = withAnalysisFlags(new Command('policy').configureOutput(TERMINAL_OUTPUT).description('Check synthesized Terraform JSON against the guardrail packs'))
    .addOption(new Option('--format <format>', 'text: a summary; sarif: the findings as SARIF 2.1.0 on stdout (GitHub code scanning), the summary on stderr').choices(['text', 'sarif']).default('text'))
    .parse();
  const { dir, inputs } = analysisRequest(program);
  const { policy } = writeAnalysis(dir, inputs);
  const report = `Report: ${path.join(dir, 'catalog', 'policy.json')}`;
  if (program.opts<{ format: string }>().format === 'sarif') {
    writeJsonOut(sarifReport(dir, inputs, policy.findings));
    writeErr(`${policySummary(policy)}\n${report}\n`);
  } else {
    printLine(policySummary(policy));
    printLine(report);
  }
  if (!policy.summary.passed) process.exitCode = 1;
});
