/**
 * Large plans (issue 24): a generated plan of each size (bench/generated-plan.ts) analysed as
 * `npm run catalog -- --plan` runs it, each in a fresh process: seconds, peak resident memory,
 * the catalog's size. The 200 MB plan must stay within 1.5 GB; every size must finish.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { writeGeneratedPlan } from './generated-plan';
import { nodeFlagsOf } from './node-flags';

export interface PlanFigures {
  readonly planMb: number;
  readonly resources: number;
  readonly seconds: number;
  readonly analysisSeconds: number;
  readonly peakRssMb: number;
  readonly catalogMb: number;
  /** Why the analysis did not finish (a crash is a figure too, not the end of the bench). */
  readonly failed?: string;
}

/** The 200 MB plan's memory bound (issue 24). */
export const PLAN_MEMORY_BOUND_MB = 1536;

const runOne = path.join(__dirname, 'run-one.js');
/** The node flags of `npm run catalog` (package.json), read where they are set. */
function catalogNodeFlags(): string[] {
  const scripts = (JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  return nodeFlagsOf(scripts.catalog, 'dist/scripts/catalog.js', "package.json's catalog script");
}

export function measurePlans(sizesMb: readonly number[], work: string, log: (line: string) => void): PlanFigures[] {
  const figures: PlanFigures[] = [];
  for (const mb of sizesMb) {
    const file = path.join(work, `plan-${mb}mb.json`);
    const out = path.join(work, `plan-${mb}mb-out`);
    const written = writeGeneratedPlan(file, { bytes: mb * 1e6 });
    log(`  plan of ${mb} MB: ${written.resources.toLocaleString('en-US')} resources written, analysing`);
    const started = Date.now();
    try {
      const run = JSON.parse(execFileSync('node', [...catalogNodeFlags(), runOne, 'plan', file, out], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] }).trim().split('\n').at(-1)!);
      figures.push({ planMb: Math.round(written.bytes / 1e6), resources: run.resources, seconds: Math.round(run.ms / 100) / 10, analysisSeconds: Math.round(run.analysisMs / 100) / 10, peakRssMb: run.peakRssMb, catalogMb: Math.round(run.catalogBytes / 1e6) });
    } catch (error) {
      const stderr = String((error as { stderr?: unknown }).stderr ?? '');
      const failed = /FATAL ERROR: ([^\n]+)/.exec(stderr)?.[1] ?? stderr.trim().split('\n').at(-1) ?? String(error);
      figures.push({ planMb: Math.round(written.bytes / 1e6), resources: written.resources, seconds: Math.round((Date.now() - started) / 100) / 10, analysisSeconds: NaN, peakRssMb: NaN, catalogMb: NaN, failed });
    } finally {
      fs.rmSync(file, { force: true });
      fs.rmSync(out, { recursive: true, force: true });
    }
  }
  return figures;
}

export function printPlanFigures(figures: readonly PlanFigures[]): void {
  console.log('| plan | resources | seconds | peak RSS | catalog.json |');
  console.log('| ---: | ---: | ---: | ---: | ---: |');
  for (const f of figures) {
    const rss = f.failed ? `failed: ${f.failed}` : `${f.peakRssMb.toLocaleString('en-US')} MB`;
    console.log(`| ${f.planMb.toLocaleString('en-US')} MB | ${f.resources.toLocaleString('en-US')} | ${f.seconds} s | ${rss} | ${f.failed ? '-' : `${f.catalogMb} MB`} |`);
  }
  const at200 = figures.find((f) => f.planMb >= 190 && f.planMb <= 220);
  if (at200) console.log(`Target (issue 24): the 200 MB plan within ${PLAN_MEMORY_BOUND_MB} MB peak: ${!at200.failed && at200.peakRssMb <= PLAN_MEMORY_BOUND_MB ? 'met' : 'MISSED'} (${at200.failed ?? `${at200.peakRssMb} MB`}).`);
  for (const f of figures.filter((x) => x.failed)) console.log(`Target (issue 24): the ${f.planMb} MB plan without a crash: MISSED (${f.failed}).`);
}
