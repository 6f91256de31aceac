/**
 * `npm run policy -- <dir>`: the analysis of a synthesized output directory or any folder of
 * Terraform JSON; prints the guardrail findings and exits 1 on errors. Writes every report, from
 * the same inputs as synth.
 */
import * as path from 'path';
import { Command } from 'commander';
import { writeAnalysis } from '../catalog/analyse';
import { policySummary } from '../catalog/policy/report';
import { runCommand } from '../model/run-command';
import { TERMINAL_OUTPUT, printLine } from '../model/terminal-text';
import { analysisRequest, withAnalysisFlags } from './analysis-flags';

runCommand(() => {
  const program = withAnalysisFlags(new Command('policy').configureOutput(TERMINAL_OUTPUT).description('Check synthesized Terraform JSON against the guardrail packs')).parse();
  const { dir, inputs } = analysisRequest(program);
  const { policy } = writeAnalysis(dir, inputs);
  printLine(policySummary(policy));
  printLine(`Report: ${path.join(dir, 'catalog', 'policy.json')}`);
  if (!policy.summary.passed) process.exitCode = 1;
});
