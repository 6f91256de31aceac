import { ImageToBuild, imagesToBuild } from './images-to-build';
import { groupBy } from '../../model/group-by';
import { compareText } from '../../model/stable-json';
import type { ResourceRecord } from '../terraform/resource-index';
import type { CostRow, FindingSummary, SuppressionSummary } from './analysis-files';
import { compareResources } from './compare-resources';
import type { SynthesizedOutput } from './output-folder';
import { PlannedAction, PlannedChange, PlanStatus, readPlanDocument, readPlanFile, readPlanStatus } from './plan-file';
import type { CostDelta, DangerLine, FindingLine, NamedCostDelta, PrReport, ResourceChange, ScorecardChange, ServiceChange, StackPlan, SuppressionChange } from './report-model';
import { planDigests, planRecord } from './plan-digest';
import { STATEFUL_TYPES } from '../resource-types/tables';

const cents = (n: number) => Math.round(n * 100) / 100;

function delta(old: number, now: number): CostDelta {
  const difference = cents(now - old);
  return { old: cents(old), new: cents(now), difference, percent: old === 0 ? null : Math.round(((now - old) / old) * 1000) / 10 };
}

/** Rows whose cost differs, largest change first; team and cost center from the head (or the base). */
function costDeltas(base: readonly CostRow[], head: readonly CostRow[]): NamedCostDelta[] {
  const before = new Map(base.map((r) => [r.name, r]));
  const after = new Map(head.map((r) => [r.name, r]));
  return [...new Set([...before.keys(), ...after.keys()])]
    .map((name) => {
      const row = after.get(name) ?? before.get(name)!;
      return { name, ...(row.team ? { team: row.team } : {}), ...(row.costCenter ? { costCenter: row.costCenter } : {}), ...delta(before.get(name)?.monthlyUsd ?? 0, after.get(name)?.monthlyUsd ?? 0) };
    })
    .filter((d) => d.difference !== 0)
    .sort((a, b) => Math.abs(b.difference) - Math.abs(a.difference) || compareText(a.name, b.name));
}

const findingKey = (f: FindingSummary) => `${f.rule}\u0000${f.stack}\u0000${f.address}`;
const findingLine = ({ rule, severity, stack, address, service, message }: FindingSummary): FindingLine => ({ rule, severity, stack, address, ...(service ? { service } : {}), message });

function findingChanges(base: readonly FindingSummary[], head: readonly FindingSummary[]) {
  const open = (list: readonly FindingSummary[]) => new Map(list.filter((f) => !f.suppressed).map((f) => [findingKey(f), f]));
  const before = open(base);
  const after = open(head);
  const sorted = (list: FindingSummary[]) => list.map(findingLine).sort((a, b) => compareText(a.stack, b.stack) || compareText(a.address, b.address) || compareText(a.rule, b.rule));
  return { new: sorted([...after].filter(([k]) => !before.has(k)).map(([, f]) => f)), fixed: sorted([...before].filter(([k]) => !after.has(k)).map(([, f]) => f)) };
}

const suppressionKey = (s: SuppressionSummary) => [s.rule, s.path ?? '', s.stack ?? '', s.address ?? ''].join('\u0000');
const scopeOf = (s: SuppressionSummary) => [s.path && `construct ${s.path}`, s.stack && `stack ${s.stack}`, s.address && `address ${s.address}`].filter(Boolean).join(', ') || 'everything';

/**
 * Suppressions the head adds, changes (reason, expiry, reviewer, where declared), widens (covers
 * more findings) or lets expire, each with the findings it suppresses in the head.
 */
function suppressionChanges(base: SynthesizedOutput, head: SynthesizedOutput, locate: (s: SuppressionSummary) => string | undefined): SuppressionChange[] {
  const before = new Map(base.analysis.suppressions.map((s) => [suppressionKey(s), s]));
  const changes: SuppressionChange[] = [];
  for (const s of head.analysis.suppressions) {
    const old = before.get(suppressionKey(s));
    let change: SuppressionChange['change'] | undefined;
    let was: string | undefined;
    if (!old) change = 'added';
    else if (old.reason !== s.reason || old.expires !== s.expires || old.reviewedBy !== s.reviewedBy || old.source !== s.source) {
      change = 'changed';
      was = [old.reason !== s.reason && `reason ${JSON.stringify(old.reason)}`, old.expires !== s.expires && `expiry ${old.expires ?? 'none'}`, old.reviewedBy !== s.reviewedBy && `reviewed by ${old.reviewedBy ?? 'nobody'}`, old.source !== s.source && `declared by ${old.source}`].filter(Boolean).join(', ');
    } else if (s.applied > old.applied) {
      change = 'widened';
      was = `covered ${old.applied} finding${old.applied === 1 ? '' : 's'}`;
    } else if (s.expired && !old.expired) change = 'expired';
    if (!change) continue;
    const resources = head.analysis.findings.filter((f) => f.rule === s.rule && f.suppressed?.source === s.source && f.suppressed.reason === s.reason).map((f) => `${f.stack} ${f.address}`);
    const location = locate(s);
    changes.push({ change, rule: s.rule, scope: scopeOf(s), resources: [...new Set(resources)].sort(compareText), reason: s.reason, ...(s.expires ? { expires: s.expires } : {}), source: s.source, ...(location ? { location } : {}), ...(was ? { was } : {}) });
  }
  return changes.sort((a, b) => compareText(a.rule, b.rule) || compareText(a.scope, b.scope));
}

function serviceChanges(base: SynthesizedOutput, head: SynthesizedOutput, resources: readonly ResourceChange[]): { services: ServiceChange[]; scorecards: ScorecardChange[] } {
  const before = new Map(base.analysis.services.map((s) => [s.name, s]));
  const after = new Map(head.analysis.services.map((s) => [s.name, s]));
  const services: ServiceChange[] = [];
  const scorecards: ScorecardChange[] = [];
  for (const name of [...new Set([...before.keys(), ...after.keys()])].sort(compareText)) {
    const old = before.get(name);
    const now = after.get(name);
    const shown = now ?? old!;
    const own = { ...(shown.owner ? { owner: shown.owner } : {}), ...(shown.costCenter ? { costCenter: shown.costCenter } : {}) };
    const from = old?.scorecard?.level;
    const to = now?.scorecard?.level;
    if (from !== to) scorecards.push({ service: name, ...(from ? { from } : {}), ...(to ? { to } : {}) });
    if (!old || !now) {
      services.push({ name, change: old ? 'removed' : 'added', ...own, details: [] });
      continue;
    }
    const details: string[] = [];
    if (old.owner !== now.owner) details.push(`owner ${old.owner ?? 'none'} → ${now.owner ?? 'none'}`);
    if (old.costCenter !== now.costCenter) details.push(`cost center ${old.costCenter ?? 'none'} → ${now.costCenter ?? 'none'}`);
    for (const change of ['added', 'removed', 'changed'] as const) {
      const count = resources.filter((r) => r.service === name && r.change === change).length;
      if (count) details.push(`${count} resource${count === 1 ? '' : 's'} ${change}`);
    }
    if (details.length) services.push({ name, change: 'changed', ...own, details });
  }
  return { services, scorecards };
}

const ACTIONS: readonly PlannedAction[] = ['create', 'update', 'replace', 'delete'];
const noActions = (): Record<PlannedAction, number> => ({ create: 0, update: 0, replace: 0, delete: 0 });
/** `aws_x.y[0]` and `aws_x.y["k"]` belong to the resource `aws_x.y`. */
const resourceAddress = (address: string) => address.replace(/\[[^\]]*\]$/, '');

/** Planned actions per stack and service; replace and delete of stateful resources become danger lines. */
export function stackPlans(plansDir: string, base: SynthesizedOutput, head: SynthesizedOutput, danger: DangerLine[]): StackPlan[] {
  const statuses = readPlanStatus(plansDir);
  const records = new Map<string, ResourceRecord>();
  for (const r of [...base.resources, ...head.resources]) records.set(`${r.stack}\u0000${r.address}`, r);
  return head.configurations.map((configuration): StackPlan => {
    const status: PlanStatus = statuses[configuration.stack] ?? { status: 'not-planned', reason: 'npm run plan did not look at this stack' };
    if (status.status !== 'planned') return { stack: configuration.stack, ...status };
    const changes: PlannedChange[] = readPlanFile(plansDir, configuration);
    const actions = noActions();
    const owned: Array<{ service: string; address: string; action: PlannedAction }> = [];
    for (const change of changes) {
      actions[change.action]++;
      const record = records.get(`${configuration.stack}\u0000${resourceAddress(change.address)}`);
      // An empty service tag is no service (and groupBy leaves empty keys out).
      owned.push({ service: record?.ownership.service || '(shared)', address: change.address, action: change.action });
      const stateful = STATEFUL_TYPES[change.type];
      if (stateful && (change.action === 'replace' || change.action === 'delete')) {
        danger.push({ stack: configuration.stack, address: change.address, ...(record?.ownership.service ? { service: record.ownership.service } : {}), ...(record?.ownership.owner ? { owner: record.ownership.owner } : {}), reason: `the plan ${change.action === 'replace' ? 'replaces' : 'deletes'} this ${stateful.what}: its data is lost` });
      }
    }
    return {
      stack: configuration.stack,
      status: 'planned',
      ...(status.against ? { against: status.against } : {}),
      actions,
      byService: [...groupBy(owned, (o) => o.service)]
        .sort(([a], [b]) => compareText(a, b))
        .map(([service, list]) => ({ service, changes: list.map(({ address, action }) => ({ address, action })) })),
    };
  });
}

/** Compares the base and head outputs (and, when given, the head's plans) into the PR report. */
export function buildPrReport(base: SynthesizedOutput, head: SynthesizedOutput, plansDir?: string, locate: (s: SuppressionSummary) => string | undefined = () => undefined): PrReport {
  const compared = compareResources(base.resources, head.resources, head.configurations);
  const danger = [...compared.danger];
  const plans = plansDir === undefined ? undefined : stackPlans(plansDir, base, head, danger);
  const { services, scorecards } = serviceChanges(base, head, compared.resources);
  const findings = findingChanges(base.analysis.findings, head.analysis.findings);
  const guardrailErrors = head.analysis.findings
    .filter((f) => !f.suppressed && f.severity === 'error')
    .map(findingLine)
    .sort((a, b) => compareText(a.stack, b.stack) || compareText(a.address, b.address) || compareText(a.rule, b.rule));
  const suppressions = suppressionChanges(base, head, locate);
  const cost = {
    byService: costDeltas(base.analysis.cost.byService, head.analysis.cost.byService),
    byTeam: costDeltas(base.analysis.cost.byTeam, head.analysis.cost.byTeam),
    byCostCenter: costDeltas(base.analysis.cost.byCostCenter, head.analysis.cost.byCostCenter),
    total: delta(base.analysis.cost.total.monthlyUsd, head.analysis.cost.total.monthlyUsd),
  };
  // One line per resource and reason, sorted: the same danger found twice (JSON and plan) reads once.
  const uniqueDanger = [...new Map(danger.map((d) => [`${d.stack}\u0000${d.address}\u0000${d.reason}`, d])).values()].sort(
    (a, b) => compareText(a.stack, b.stack) || compareText(a.address, b.address) || compareText(a.reason, b.reason),
  );
  const count = (change: ResourceChange['change']) => compared.resources.filter((r) => r.change === change).length;
  const configurationOf = (stack: string) => head.configurations.find((c) => c.stack === stack)!;
  const record = plansDir === undefined || !plans ? undefined : planRecord(plans, (stack) => readPlanDocument(plansDir, configurationOf(stack)));
  const planned = plans?.reduce((sum, p) => {
    for (const a of ACTIONS) sum[a] += p.actions?.[a] ?? 0;
    return sum;
  }, noActions());
  return {
    summary: {
      danger: uniqueDanger.length,
      servicesAdded: services.filter((s) => s.change === 'added').length,
      servicesRemoved: services.filter((s) => s.change === 'removed').length,
      servicesChanged: services.filter((s) => s.change === 'changed').length,
      resourcesAdded: count('added'),
      resourcesRemoved: count('removed'),
      resourcesChanged: count('changed'),
      monthlyUsd: cost.total,
      newFindings: findings.new.length,
      fixedFindings: findings.fixed.length,
      guardrailErrors: guardrailErrors.length,
      suppressionsChanged: suppressions.length,
      ...(plans && planned
        ? { planned, planDigests: planDigests(record!), stacksNotPlanned: plans.filter((p) => p.status === 'not-planned').length, stacksFailed: plans.filter((p) => p.status === 'failed').length }
        : {}),
    },
    danger: uniqueDanger,
    services,
    ownership: compared.ownership,
    resources: compared.resources,
    cost,
    findings,
    scorecards,
    guardrailErrors,
    suppressions,
    ...(plans ? { plans } : {}),
    ...(record ? { planRecord: record } : {}),
    ...withImagesToBuild(imagesToBuild(base.resources, head.resources)),
  };
}

const withImagesToBuild = (images: ImageToBuild[]) => (images.length ? { imagesToBuild: images } : {});
