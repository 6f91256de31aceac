/**
 * `npm run bench:spend [-- --rows 10000000 --runs 3]`: generates a CUR 2.0 Parquet export of that
 * many line items (1,000 services, 20% untagged, three months) and times `npm run spend`'s analysis
 * beside bare DuckDB queries on the same file, alternating, in the same run, with peak memory:
 * - the same single-pass aggregation written by hand (month, billing service, untagged resource and
 *   the four ownership tags under their CUR 2.0 keys; cost, credits, line items): issue 17's yardstick;
 * - month × service only, for scale.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { DuckDBInstance } from '@duckdb/node-api';
import { Command } from 'commander';
import { analyseSpend } from '../catalog/spend/spend';
import { median } from '../bench/median';

async function bare(sql: string): Promise<{ ms: number; groups: number }> {
  const start = performance.now();
  const instance = await DuckDBInstance.create(':memory:', { threads: '2', memory_limit: '2GB' });
  const connection = await instance.connect();
  const groups = (await connection.runAndReadAll(sql)).getRows().length;
  connection.closeSync();
  instance.closeSync();
  return { ms: Math.round(performance.now() - start), groups };
}

async function main(): Promise<void> {
  const options = new Command('bench:spend').option('--rows <n>', 'billing line items', '10000000').option('--runs <n>', 'runs per measurement (the median is reported)', '3').parse().opts<{ rows: string; runs: string }>();
  const count = Number(options.rows);
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

    const parquet = `read_parquet('${file}')`;
    const month = `strftime(line_item_usage_start_date, '%Y-%m')`;
    const sameAggregation = `SELECT ${month} AS month, line_item_product_code, CASE WHEN resource_tags['user_service'] IS NULL THEN line_item_resource_id END AS resource_id,
        resource_tags['user_service'], resource_tags['user_owner'], resource_tags['user_cost_center'], resource_tags['user_environment'],
        SUM(line_item_unblended_cost) AS cost, SUM(CASE WHEN line_item_unblended_cost < 0 THEN line_item_unblended_cost ELSE 0 END) AS credits, COUNT(*) AS line_items
      FROM ${parquet} GROUP BY ALL`;
    const monthByService = `SELECT ${month} AS month, resource_tags['user_service'] AS service, SUM(line_item_unblended_cost) AS cost FROM ${parquet} GROUP BY ALL`;
    const same: number[] = [];
    const small: number[] = [];
    const platform: number[] = [];
    let groups = { same: 0, small: 0 };
    let services = 0;
    for (let i = 0; i < Number(options.runs); i++) {
      // Alternated, so drift in the machine's load hits all three alike.
      const s = await bare(sameAggregation);
      const m = await bare(monthByService);
      start = performance.now();
      const report = await analyseSpend({ billing: [file] });
      platform.push(Math.round(performance.now() - start));
      same.push(s.ms);
      small.push(m.ms);
      groups = { same: s.groups, small: m.groups };
      services = report.byService.length;
      process.stderr.write(`  run ${i + 1}/${options.runs}: same aggregation ${s.ms} ms, month × service ${m.ms} ms, npm run spend ${platform[i]} ms\n`);
    }

    console.log(`Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB; DuckDB threads 2, memory limit 2GB; medians of ${options.runs} runs`);
    console.log(`Generated ${count.toLocaleString('en-US')} CUR 2.0 line items (${size} MiB Parquet) in ${generated} ms.`);
    console.log(`bare DuckDB, the same single-pass aggregation:  ${String(median(same)).padStart(6)} ms, ${groups.same} groups`);
    console.log(`bare DuckDB, month × service only:              ${String(median(small)).padStart(6)} ms, ${groups.small} groups`);
    console.log(`npm run spend analysis (tag aliases, all dimensions,
  coverage, unallocated, contributors, currency checks): ${String(median(platform)).padStart(6)} ms, ${services} services`);
    const ratio = median(platform) / median(same);
    console.log(`Target (issue 17): spend ≤ 1.5 × the same aggregation: ${ratio.toFixed(2)} (${ratio <= 1.5 ? 'met' : 'MISSED'}); ${(median(platform) / median(small)).toFixed(2)} × month × service`);
    console.log(`Peak RSS of this process (DuckDB's memory limit 2GB bounds it): ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
