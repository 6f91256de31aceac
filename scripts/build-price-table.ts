/**
 * `npm run prices -- --region <region> <offer files...>`: refreshes catalog/prices/<region>.json
 * from AWS Price List offer files (bulk JSON, bulk CSV streamed, or GetProducts output).
 * `--check` compares instead and prints every difference above 0.5 %, writing nothing: what a
 * person runs when AWS changes prices.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Command } from 'commander';
import { replaceFile } from '../model/atomic-write';
import { GroundworkError } from '../model/errors';
import { mergePriceTable, priceDifferences } from '../catalog/cost/build-price-table';
import { importOfferFiles } from '../catalog/cost/offer-files';
import { BUILT_IN_PRICES, loadPriceTables, PriceTable } from '../catalog/cost/price-table';
import { stableJson } from '../model/stable-json';
import { runCommand } from '../model/run-command';
import { TERMINAL_OUTPUT, printLine } from '../model/terminal-text';

runCommand(async () => {
  const program = new Command('prices').configureOutput(TERMINAL_OUTPUT)
    .description('Build, refresh or check a price table from AWS Price List offer files')
    .requiredOption('--region <region>', 'region of the table, e.g. us-east-1')
    .option('--out <dir>', 'folder of price tables', BUILT_IN_PRICES)
    .option('--check', 'compare the table with the offer files and print differences above 0.5 %; write nothing')
    .argument('<offers...>', 'offer files: AmazonRDS/current/us-east-1/index.json or index.csv, GetProducts output')
    .parse();
  const { region, out, check } = program.opts<{ region: string; out: string; check?: boolean }>();
  const target = path.join(out, `${region}.json`);
  const tables = fs.existsSync(out) && fs.readdirSync(out).some((f) => f.endsWith('.json')) ? loadPriceTables(out) : new Map<string, PriceTable>();
  const existing = tables.get(region);
  // Every key any table prices, so a new region gets the same items as the others.
  const keys = new Set([...tables.values(), ...loadPriceTables(BUILT_IN_PRICES).values()].flatMap((t) => Object.keys(t.prices)));
  const imported = await importOfferFiles(region, [...keys], program.args);
  if (check) {
    if (!existing) throw new GroundworkError(`There is no price table ${target} to check.`);
    const differences = priceDifferences(existing, imported);
    printLine(`${imported.prices.size} of ${Object.keys(existing.prices).length} entries of ${target} found in the offer files; ${differences.length} differ by more than 0.5 %.`);
    for (const d of differences) printLine(`${d.key}: table ${d.table}, offer ${d.offer} (${Number.isFinite(d.percent) ? `${d.percent > 0 ? '+' : ''}${d.percent.toFixed(2)} %` : 'new'}), SKU ${d.sku}`);
    if (differences.length) process.exitCode = 2;
    return;
  }
  const { table, updated } = mergePriceTable(region, existing, imported);
  replaceFile(target, stableJson(table));
  printLine(`Updated ${updated.length} prices in ${target} (${table.summary}): ${updated.join(', ')}`);
});
