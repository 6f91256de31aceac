/**
 * What a proposal changes in cost and guardrails: the base commit and the proposed change are each
 * synthesized as `npm run review` synthesizes them (ref-synth's synth, guardrail errors reported,
 * not fatal) and compared by the PR report's own code; the answer is that report's cost and
 * findings, as structured data.
 */
import * as fs from 'fs';
import * as path from 'path';
import { z } from 'zod';
import { GroundworkError } from '../../model/errors';
import { buildPrReport } from '../../catalog/pr-report/build-report';
import { readSynthesizedOutput } from '../../catalog/pr-report/output-folder';
import type { CostDelta, FindingLine, NamedCostDelta, PrReport } from '../../catalog/pr-report/report-model';
import { synth } from '../ref-synth';

const money = z.object({ beforeUsd: z.number(), afterUsd: z.number(), differenceUsd: z.number() });
const findingLine = z.object({ rule: z.string(), severity: z.string(), stack: z.string(), address: z.string(), service: z.string().optional(), message: z.string() });

export const proposalAnalysisOutput = z.object({
  cost: z.object({
    currency: z.literal('USD'),
    period: z.literal('month'),
    total: money,
    /** Services whose estimate changes, largest change first. */
    byService: z.array(money.extend({ name: z.string(), team: z.string().optional() })),
  }),
  guardrails: z.object({
    /** No open error-severity finding in the proposal (what npm run review exits 1 on). */
    passed: z.boolean(),
    errors: z.array(findingLine),
    newFindings: z.array(findingLine),
    fixedFindings: z.array(findingLine),
  }),
  resources: z.object({ added: z.number(), changed: z.number(), removed: z.number() }),
  danger: z.array(z.object({ stack: z.string(), address: z.string(), service: z.string().optional(), reason: z.string() })),
});

export type ProposalAnalysis = z.infer<typeof proposalAnalysisOutput>;

const amounts = (d: CostDelta) => ({ beforeUsd: d.old, afterUsd: d.new, differenceUsd: d.difference });
const line = ({ rule, severity, stack, address, service, message }: FindingLine) => ({ rule, severity, stack, address, ...(service ? { service } : {}), message });

/** The PR report's cost, findings and resource counts, as a dry run answers them. */
export function analysisOf(report: PrReport): ProposalAnalysis {
  return {
    cost: {
      currency: 'USD',
      period: 'month',
      total: amounts(report.cost.total),
      byService: report.cost.byService.map((d: NamedCostDelta) => ({ name: d.name, ...(d.team ? { team: d.team } : {}), ...amounts(d) })),
    },
    guardrails: {
      passed: report.guardrailErrors.length === 0,
      errors: report.guardrailErrors.map(line),
      newFindings: report.findings.new.map(line),
      fixedFindings: report.findings.fixed.map(line),
    },
    resources: { added: report.summary.resourcesAdded, changed: report.summary.resourcesChanged, removed: report.summary.resourcesRemoved },
    danger: report.danger.map(({ stack, address, service, reason }) => ({ stack, address, ...(service ? { service } : {}), reason })),
  };
}

/**
 * Synthesizes a worktree before and after `change` writes into it, into `scratch` (outside the
 * worktree), and compares the two. The worktree borrows the repository's node_modules, as
 * review's temporary worktree does.
 */
export function analysedChange<T>(root: string, worktree: string, scratch: string, change: () => T): { result: T; analysis: ProposalAnalysis } {
  const modules = path.join(root, 'node_modules');
  if (!fs.existsSync(modules)) throw new GroundworkError(`${root} has no node_modules to synthesize the proposal with; run npm ci there.`);
  fs.symlinkSync(fs.realpathSync(modules), path.join(worktree, 'node_modules'), 'dir');
  const [base, head] = [path.join(scratch, 'base.out'), path.join(scratch, 'proposal.out')];
  synth(worktree, base, 'base');
  const result = change();
  synth(worktree, head, 'proposal');
  return { result, analysis: analysisOf(buildPrReport(readSynthesizedOutput(base, 'base'), readSynthesizedOutput(head, 'proposal'))) };
}
