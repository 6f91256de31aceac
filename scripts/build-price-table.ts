/**
 * `npm run prices -- --region <region> <offer files...>`: refreshes catalog/prices/<region>.json
 * from AWS Price List bulk offer files (or GetProducts output), so anyone with the public files
 * can update the prices the estimator uses.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Command } from 'commander';
import { replaceFile } from '../model/atomic-write';
import { mergePriceTable } from '../catalog/cost/build-price-table';
import { readOfferPrices } from '../catalog/cost/offer-files';
import { BUILT_IN_PRICES, PriceTable, validatePriceTable } from '../catalog/cost/price-table';
import { readJsonFile } from '../model/read-json';
import { stableJson } from '../model/stable-json';
import { runCommand } from '../model/run-command';

runCommand(() => {
  const program = new Command('prices')
    .description('Build or refresh a price table from AWS Price List offer files')
    .requiredOption('--region <region>', 'region of the table, e.g. us-east-1')
    .option('--out <dir>', 'folder of price tables', BUILT_IN_PRICES)
    .argument('<offers...>', 'offer files (bulk offer JSON such as AmazonRDS/current/us-east-1/index.json)')
    .parse();
  const { region, out } = program.opts<{ region: string; out: string }>();
  const prices = program.args.flatMap((file) => readOfferPrices(readJsonFile(file, `The offer file ${file}`), file));
  const target = path.join(out, `${region}.json`);
  const existing: PriceTable | undefined = fs.existsSync(target) ? validatePriceTable(readJsonFile(target, `The price table ${target}`), target) : undefined;
  const { table, updated } = mergePriceTable(region, existing, prices);
  replaceFile(target, stableJson(table));
  console.log(`Updated ${updated.length} prices in ${target} (effective ${table.effectiveDate}): ${updated.join(', ')}`);
});
