/**
 * `npm run spend -- --billing <files or globs> [--from YYYY-MM] [--to YYYY-MM] [--out <dir>]`:
 * actual spend per service, team, cost center and environment from FOCUS or AWS CUR exports, read
 * in place by DuckDB, reconciled with the synth-time estimate when cdktf.out has one.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Command } from 'commander';
import { replaceFolder } from '../model/atomic-write';
import { claimOutputFolder, onlyEntries, OutputKind } from '../model/output-folder';
import { checkContract, readContract } from '../catalog/contracts';
import { GroundworkError } from '../model/errors';
import { SPEND_KEYS, SpendKey } from '../catalog/spend/formats';
import { reconcile } from '../catalog/spend/reconcile';
import { SpendDocument, spendCsv, spendMarkdown } from '../catalog/spend/report';
import { analyseSpend } from '../catalog/spend/spend';
import { stableJson } from '../model/stable-json';
import { runCommand } from '../model/run-command';
import { TERMINAL_OUTPUT, printLine } from '../model/terminal-text';

const SPEND_OUTPUT: OutputKind = { id: 'spend', name: 'the spend report', writtenBefore: onlyEntries(['spend.json'], (e) => e === 'spend.md' || e === 'spend.csv') };

runCommand(async () => {
  const program = new Command('spend').configureOutput(TERMINAL_OUTPUT)
    .description('Actual spend per service, team, cost center and environment from billing exports')
    .requiredOption('--billing <files...>', 'FOCUS or AWS CUR exports: CSV, gzip CSV or Parquet; globs allowed')
    .option('--from <month>', 'first month, YYYY-MM')
    .option('--to <month>', 'last month, YYYY-MM')
    .option('--cost <column>', 'FOCUS cost column: effective (after discounts) or billed', 'effective')
    .option('--tag-map <key=tag...>', 'billing tag key for an ownership key, e.g. cost-center=business_unit (repeatable)')
    .option('--estimate <file>', 'cost-report.json to reconcile with', path.join('cdktf.out', 'catalog', 'cost-report.json'))
    .option('--out <dir>', 'where spend.json, spend.md and spend.csv go', path.join('cdktf.out', 'spend'))
    .option('--memory-limit <size>', 'DuckDB memory limit', '2GB')
    .parse();
  const o = program.opts<{ billing: string[]; from?: string; to?: string; cost: string; tagMap?: string[]; estimate: string; out: string; memoryLimit: string }>();
  if (o.cost !== 'effective' && o.cost !== 'billed') throw new GroundworkError(`--cost ${o.cost} must be effective or billed.`);
  const tagMap: Partial<Record<SpendKey, string[]>> = {};
  for (const pair of o.tagMap ?? []) {
    const [key, tag] = pair.split('=');
    if (!SPEND_KEYS.includes(key as SpendKey) || !tag) throw new GroundworkError(`--tag-map ${pair} must be <key>=<billing tag> with key one of ${SPEND_KEYS.join(', ')}.`);
    (tagMap[key as SpendKey] ??= []).push(tag);
  }
  claimOutputFolder(o.out, SPEND_OUTPUT);
  const report = await analyseSpend({ billing: o.billing, from: o.from, to: o.to, cost: o.cost, tagMap, memoryLimit: o.memoryLimit });
  const reconciliation = fs.existsSync(o.estimate) ? reconcile(report, readContract('cost-report', o.estimate)) : undefined;
  const document: SpendDocument = { ...report, ...(reconciliation ? { reconciliation } : {}) };
  replaceFolder(o.out, SPEND_OUTPUT, new Map([
    ['spend.json', stableJson(checkContract('spend-report', document, 'spend.json'))],
    ['spend.md', spendMarkdown(report, reconciliation)],
    ['spend.csv', spendCsv(report)],
  ]));
  printLine(`${report.currency} ${report.total.amount.toFixed(2)} over ${report.months.join(', ')} from ${report.total.rows} line items; ${report.unallocated.amount.toFixed(2)} without a service tag.`);
  printLine(reconciliation ? `Reconciled with ${o.estimate} for ${reconciliation.month}.` : `No estimate at ${o.estimate}: run npm run synth first to reconcile.`);
  printLine(`Reports in ${o.out}: spend.json, spend.md, spend.csv`);
});
