import * as path from 'path';
import { GroundworkError } from '../../model/errors';
import { replaceFolder } from '../../model/atomic-write';
import { claimOutputFolder, onlyEntries, OutputKind } from '../../model/output-folder';
import { stableJson } from '../../model/stable-json';
import { buildPrReport } from './build-report';
import { renderMarkdown } from './markdown';
import { readSynthesizedOutput } from './output-folder';
import { suppressionLocator } from './suppression-source';
import type { PrReport } from './report-model';

/** The PR report's folder; an unmarked one holding only its two files was written by an earlier version. */
export const PR_REPORT_OUTPUT: OutputKind = { id: 'pr-report', name: 'the PR report', writtenBefore: onlyEntries(['pr-report.json'], (e) => e === 'pr-report.md') };

export interface PrReportOptions {
  readonly base: string;
  readonly head: string;
  /** Folder written by `npm run plan` for the head output. @default none: JSON comparison only */
  readonly plans?: string;
  readonly out: string;
  /** The head's project folder, where suppressions are found by file and line. @default none: named by construct or file only */
  readonly source?: string;
}

/**
 * Reads both outputs (and the plans), builds the whole report, and only then replaces the report
 * folder with pr-report.json and pr-report.md: bad input writes nothing.
 */
export function writePrReport(options: PrReportOptions): { report: PrReport; markdown: string; files: string[] } {
  claimOutputFolder(options.out, PR_REPORT_OUTPUT);
  const base = readSynthesizedOutput(options.base, 'base');
  const head = readSynthesizedOutput(options.head, 'head');
  const report = buildPrReport(base, head, options.plans, options.source === undefined ? undefined : suppressionLocator(options.source));
  const markdown = renderMarkdown(report);
  const files = [path.join(options.out, 'pr-report.json'), path.join(options.out, 'pr-report.md')];
  replaceFolder(options.out, PR_REPORT_OUTPUT, new Map([[path.basename(files[0]), stableJson(report)], [path.basename(files[1]), markdown]]));
  return { report, markdown, files };
}

/**
 * The head's guardrail errors as the one failure a command ends with, after the report (which lists
 * them first) was written: `review` and `pr-report` exit 1 naming each rule, resource and message.
 */
export function guardrailFailure(report: PrReport): GroundworkError | undefined {
  const errors = report.guardrailErrors;
  if (!errors.length) return undefined;
  const them = errors.length === 1 ? 'it' : 'them';
  return new GroundworkError(
    `The head fails ${errors.length} guardrail${errors.length === 1 ? '' : 's'}: fix ${them} or suppress ${them} with a reason (the report lists ${them} first):`,
    errors.map((x) => `${x.rule}: ${x.stack} ${x.address}: ${x.message}`),
    { outputWritten: true },
  );
}
