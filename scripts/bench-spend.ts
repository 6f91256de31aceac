/**
 * `npm run bench:spend [-- --rows 10000000]`: generates a CUR 2.0 Parquet export of that many line
 * items (1,000 services, 20% untagged, three months) and times `npm run spend`'s analysis beside a
 * bare DuckDB query doing the same core aggregation, in the same run, with peak memory.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { DuckDBInstance } from '@duckdb/node-api';
import { Command } from 'commander';
import { analyseSpend } from '../catalog/spend/spend';

async function main(): Promise<void> {
  const { rows } = new Command('bench:spend').option('--rows <n>', 'billing line items', '10000000').parse().opts<{ rows: string }>();
  const count = Number(rows);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'groundwork-spend-'));
  const file = path.join(dir, 'cur2.parquet');
  try {
    const db = await DuckDBInstance.create(':memory:', { threads: '2', memory_limit: '2GB' });
    const c = await db.connect();
    let start = performance.now();
    await c.run(`COPY (
      SELECT TIMESTAMPTZ '2026-08-01 00:00:00+00' + to_hours(i % 2200) AS line_item_usage_start_date,
             round(((i * 7919) % 10000) / 1000.0 - 0.5, 4)::DOUBLE AS line_item_unblended_cost,
             'USD' AS line_item_currency_code,
             ['AmazonEC2', 'AmazonRDS', 'AmazonS3', 'AWSDataTransfer'][1 + i % 4] AS line_item_product_code,
             'arn:aws:ec2:resource-' || (i % 50000) AS line_item_resource_id,
             CASE WHEN i % 5 = 0 THEN MAP {}::MAP(VARCHAR, VARCHAR)
                  ELSE MAP {'user_service': 'svc-' || (i % 1000), 'user_owner': 'team-' || (i % 10), 'user_cost_center': 'CC-' || (1000 + i % 10), 'user_environment': CASE WHEN i % 3 = 0 THEN 'staging' ELSE 'production' END} END AS resource_tags
      FROM range(${count}) t(i)) TO '${file}' (FORMAT parquet)`);
    c.closeSync();
    db.closeSync();
    const generated = Math.round(performance.now() - start);
    const size = Math.round(fs.statSync(file).size / 2 ** 20);

    start = performance.now();
    const bare = await DuckDBInstance.create(':memory:', { threads: '2', memory_limit: '2GB' });
    const bc = await bare.connect();
    const result = await bc.runAndReadAll(`SELECT strftime(line_item_usage_start_date, '%Y-%m') AS month, resource_tags['user_service'] AS service, SUM(line_item_unblended_cost) AS cost
      FROM read_parquet('${file}') GROUP BY ALL`);
    const bareGroups = result.getRows().length;
    bc.closeSync();
    bare.closeSync();
    const bareMs = Math.round(performance.now() - start);

    start = performance.now();
    const report = await analyseSpend({ billing: [file] });
    const platformMs = Math.round(performance.now() - start);

    console.log(`Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB; DuckDB threads 2, memory limit 2GB`);
    console.log(`Generated ${count.toLocaleString('en-US')} CUR 2.0 line items (${size} MiB Parquet) in ${generated} ms.`);
    console.log(`bare DuckDB aggregation (month × service):        ${String(bareMs).padStart(6)} ms, ${bareGroups} groups`);
    console.log(`npm run spend analysis (all dimensions, coverage,
  unallocated, contributors, currency checks):       ${String(platformMs).padStart(6)} ms, ${report.byService.length} services, ${report.months.length} months`);
    console.log(`ratio ${(platformMs / bareMs).toFixed(2)}; peak RSS of this process ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
