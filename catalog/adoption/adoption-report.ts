/**
 * Adoption figures from the analysis outputs (catalog.json, policy.json): are the golden paths
 * used? Per team: services per golden path and Terraform resources outside any golden path;
 * scorecard levels; tag coverage; and, given an earlier output, the trend between the two.
 */
import { compareText } from '../../model/stable-json';
import { Catalog, isKind } from '../service-catalog/catalog-model';
import { resourceKey } from '../terraform/resource-index';
import type { PolicyReport } from '../policy/report';

export const OUTSIDE = '(none)';
export const LEVELS = ['none', 'bronze', 'silver', 'gold'] as const;

export interface TeamAdoption {
  readonly team: string;
  readonly services: number;
  /** Services per golden path; services known from tags alone under "(none)". */
  readonly byGoldenPath: Record<string, number>;
  /** Share of the team's services made by a golden path, in percent (one decimal). */
  readonly goldenPathPercent: number;
  /** Terraform resources of the team's services made by golden paths (platform infrastructure included) and outside them. */
  readonly resources: { readonly inGoldenPaths: number; readonly outside: number };
  readonly scorecards: Record<(typeof LEVELS)[number], number>;
}

export interface AdoptionReport {
  readonly organisation?: string;
  readonly totals: {
    readonly services: number;
    readonly goldenPathServices: number;
    readonly goldenPathPercent: number;
    readonly byGoldenPath: Record<string, number>;
    readonly resources: { readonly inGoldenPaths: number; readonly outside: number; readonly unowned: number };
    readonly scorecards: Record<(typeof LEVELS)[number], number>;
  };
  readonly teams: TeamAdoption[];
  /** Tag coverage of taggable resources, from the guardrails (overall and per stack). */
  readonly tagCoverage: PolicyReport['tagCoverage'] | null;
}

export interface AdoptionTrend {
  readonly base: string;
  readonly services: { readonly base: number; readonly head: number };
  readonly goldenPathPercent: { readonly base: number; readonly head: number };
  readonly outsideResources: { readonly base: number; readonly head: number };
  readonly tagCoveragePercent: { readonly base: number | null; readonly head: number | null };
  readonly teams: Array<{ team: string; goldenPathPercent: { base: number | null; head: number | null }; gold: { base: number; head: number } }>;
}

const percent = (part: number, whole: number) => (whole ? Math.round((part / whole) * 1000) / 10 : 0);
const emptyLevels = () => Object.fromEntries(LEVELS.map((l) => [l, 0])) as Record<(typeof LEVELS)[number], number>;
const sorted = <T>(record: Record<string, T>) => Object.fromEntries(Object.entries(record).sort(([a], [b]) => compareText(a, b)));

export function adoptionReport(catalog: Catalog, policy: PolicyReport | undefined): AdoptionReport {
  const levelOf = new Map((policy?.scorecards ?? []).map((s) => [s.service, s.level]));
  const services = catalog.entities.filter(isKind('service'));
  const teams = new Map<string, { services: number; byGoldenPath: Record<string, number>; inGoldenPaths: number; outside: number; scorecards: ReturnType<typeof emptyLevels> }>();
  const teamOf = (name: string) => {
    let t = teams.get(name);
    if (!t) teams.set(name, (t = { services: 0, byGoldenPath: {}, inGoldenPaths: 0, outside: 0, scorecards: emptyLevels() }));
    return t;
  };
  for (const team of catalog.entities.filter((e) => e.kind === 'team')) teamOf(team.name);
  for (const s of services) {
    const t = teamOf(s.owner ?? 'unowned');
    const path = s.goldenPath;
    if (path) t.inGoldenPaths += s.terraform.length;
    else t.outside += s.terraform.length;
    t.services += 1;
    t.byGoldenPath[path ?? OUTSIDE] = (t.byGoldenPath[path ?? OUTSIDE] ?? 0) + 1;
    t.scorecards[(levelOf.get(s.name) as (typeof LEVELS)[number]) ?? 'none'] += 1;
  }
  // The platform's own infrastructure (networks, alert topics, the pipeline): resources a golden path made for their owner, counted once.
  const ofServices = new Set(services.flatMap((s) => s.terraform.map(resourceKey)));
  for (const r of catalog.entities.filter(isKind('resource'))) {
    if (r.source === 'golden-path' && !r.service) teamOf(r.owner ?? 'unowned').inGoldenPaths += r.terraform.filter((a) => !ofServices.has(resourceKey(a))).length;
  }
  const rows: TeamAdoption[] = [...teams]
    .sort(([a], [b]) => compareText(a, b))
    .map(([team, t]) => ({
      team,
      services: t.services,
      byGoldenPath: sorted(t.byGoldenPath),
      goldenPathPercent: percent(t.services - (t.byGoldenPath[OUTSIDE] ?? 0), t.services),
      resources: { inGoldenPaths: t.inGoldenPaths, outside: t.outside },
      scorecards: t.scorecards,
    }));
  const byGoldenPath: Record<string, number> = {};
  const scorecards = emptyLevels();
  for (const r of rows) {
    for (const [p, n] of Object.entries(r.byGoldenPath)) byGoldenPath[p] = (byGoldenPath[p] ?? 0) + n;
    for (const l of LEVELS) scorecards[l] += r.scorecards[l];
  }
  const total = rows.reduce((n, r) => n + r.services, 0);
  const inPaths = total - (byGoldenPath[OUTSIDE] ?? 0);
  return {
    ...(catalog.organisation ? { organisation: catalog.organisation } : {}),
    totals: {
      services: total,
      goldenPathServices: inPaths,
      goldenPathPercent: percent(inPaths, total),
      byGoldenPath: sorted(byGoldenPath),
      resources: { inGoldenPaths: rows.reduce((n, r) => n + r.resources.inGoldenPaths, 0), outside: rows.reduce((n, r) => n + r.resources.outside, 0), unowned: catalog.summary.unownedTerraformResources },
      scorecards,
    },
    teams: rows,
    tagCoverage: policy?.tagCoverage ?? null,
  };
}

/** What changed between an earlier report (base) and this one (head). */
export function adoptionTrend(base: AdoptionReport, head: AdoptionReport, baseName: string): AdoptionTrend {
  const outside = (r: AdoptionReport) => r.totals.resources.outside + r.totals.resources.unowned;
  const team = (r: AdoptionReport, name: string) => r.teams.find((t) => t.team === name);
  const names = [...new Set([...base.teams, ...head.teams].map((t) => t.team))].sort(compareText);
  return {
    base: baseName,
    services: { base: base.totals.services, head: head.totals.services },
    goldenPathPercent: { base: base.totals.goldenPathPercent, head: head.totals.goldenPathPercent },
    outsideResources: { base: outside(base), head: outside(head) },
    tagCoveragePercent: { base: base.tagCoverage?.overall.percent ?? null, head: head.tagCoverage?.overall.percent ?? null },
    teams: names.map((name) => ({
      team: name,
      goldenPathPercent: { base: team(base, name)?.goldenPathPercent ?? null, head: team(head, name)?.goldenPathPercent ?? null },
      gold: { base: team(base, name)?.scorecards.gold ?? 0, head: team(head, name)?.scorecards.gold ?? 0 },
    })),
  };
}
