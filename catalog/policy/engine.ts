import type { OrganisationMetadata } from '../../model/golden-path-metadata';
import { configurationBlocks } from '../terraform/configuration-blocks';
import type { ResourceRecord } from '../terraform/resource-index';
import type { TerraformConfiguration } from '../terraform/terraform-output';
import { compareText } from '../../model/stable-json';
import { PolicyContext } from './context';
import { PACKS } from './packs';
import type { Severity } from './rule';
import { findSuppression, Suppression } from './suppressions';

export interface Finding {
  readonly rule: string;
  readonly pack: string;
  readonly severity: Severity;
  readonly stack: string;
  readonly address: string;
  readonly constructPath?: string;
  /** The file declaring it (plain Terraform), relative to the folder analysed, and the line of its block header. */
  readonly file?: string;
  readonly line?: number;
  readonly service?: string;
  readonly owner?: string;
  readonly message: string;
  readonly rationale: string;
  readonly fix: string;
  readonly suppressed?: { reason: string; source: string };
}

export interface Coverage {
  readonly taggable: number;
  readonly fullyTagged: number;
  readonly percent: number;
}

export interface PolicyRun {
  readonly findings: Finding[];
  readonly coverage: { overall: Coverage; byStack: Record<string, Coverage> };
  readonly suppressions: Array<Suppression & { applied: number; expired: boolean }>;
  readonly context: PolicyContext;
}

const SEVERITY_ORDER: Severity[] = ['error', 'warning', 'info'];

function coverage(taggable: number, fullyTagged: number): Coverage {
  return { taggable, fullyTagged, percent: taggable ? Math.floor((1000 * fullyTagged) / taggable) / 10 : 100 };
}

/**
 * Runs every rule of every pack over every resource. Findings covered by a suppression stay in
 * the result, marked suppressed with the reason: nothing is silenced without a trace.
 * A finding's service is the resource's ownership (see inferOwnership), as in the catalog and the cost report.
 */
export function runPolicy(
  records: readonly ResourceRecord[],
  organisation: OrganisationMetadata | undefined,
  suppressions: readonly Suppression[],
  options: { today: string; configurations?: readonly TerraformConfiguration[] },
): PolicyRun {
  const ctx = new PolicyContext(records, organisation);
  const findings: Finding[] = [];
  const used = new Map<Suppression, number>();
  const tagged = new Map<string, { taggable: number; full: number }>();
  const rules = PACKS.flatMap((pack) => pack.rules.map((r) => ({ ...r, pack: pack.name })));
  // Which rules look at which type, worked out once per type rather than per resource.
  const rulesByType = new Map<string, typeof rules>();
  const rulesFor = (type: string) => {
    let list = rulesByType.get(type);
    if (!list) rulesByType.set(type, (list = rules.filter(({ rule }) => rule.types === '*' || rule.types.includes(type))));
    return list;
  };
  for (const r of records) {
    for (const { rule, severity, pack } of rulesFor(r.type)) {
      const result = rule.check(r, ctx);
      if (rule.id === 'tagging/required-tags' && result.status !== 'not-applicable') {
        const stat = tagged.get(r.stack) ?? { taggable: 0, full: 0 };
        stat.taggable++;
        if (result.status === 'compliant') stat.full++;
        tagged.set(r.stack, stat);
      }
      if (result.status !== 'non-compliant') continue;
      const service = r.ownership.service;
      const base = {
        rule: rule.id,
        pack,
        severity,
        stack: r.stack,
        address: r.address,
        ...(r.constructPath ? { constructPath: r.constructPath } : {}),
        ...(r.source ? { file: r.source.file, line: r.source.line } : {}),
        ...(service ? { service } : {}),
        ...(r.ownership.owner ? { owner: r.ownership.owner } : {}),
        message: result.message,
        rationale: rule.rationale,
        fix: rule.fix,
      };
      const suppression = findSuppression(base, suppressions, options.today);
      if (suppression) used.set(suppression, (used.get(suppression) ?? 0) + 1);
      findings.push(suppression ? { ...base, suppressed: { reason: suppression.reason, source: suppression.source } } : base);
    }
  }
  // Blocks that are not managed resources, for the rules that judge them too.
  const blockRules = rules.filter(({ rule }) => rule.checkBlock);
  for (const config of blockRules.length ? (options.configurations ?? []) : []) {
    for (const b of configurationBlocks(config)) {
      for (const { rule, severity, pack } of blockRules) {
        const result = rule.checkBlock!(b);
        if (result.status !== 'non-compliant') continue;
        const at = config.locations?.get(b.address.replace(/^var\./, 'variable.'));
        const base = { rule: rule.id, pack, severity, stack: config.stack, address: b.address, ...(b.constructPath ? { constructPath: b.constructPath } : {}), ...(at ? { file: at.file, line: at.line } : {}), message: result.message, rationale: rule.rationale, fix: rule.fix };
        const suppression = findSuppression(base, suppressions, options.today);
        if (suppression) used.set(suppression, (used.get(suppression) ?? 0) + 1);
        findings.push(suppression ? { ...base, suppressed: { reason: suppression.reason, source: suppression.source } } : base);
      }
    }
  }
  findings.sort(
    (a, b) =>
      Number(Boolean(a.suppressed)) - Number(Boolean(b.suppressed)) ||
      SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) ||
      compareText(a.stack, b.stack) ||
      compareText(a.address, b.address) ||
      compareText(a.rule, b.rule),
  );
  const byStack = Object.fromEntries([...tagged.entries()].sort(([a], [b]) => compareText(a, b)).map(([stack, s]) => [stack, coverage(s.taggable, s.full)]));
  const all = [...tagged.values()].reduce((acc, s) => ({ taggable: acc.taggable + s.taggable, full: acc.full + s.full }), { taggable: 0, full: 0 });
  return {
    findings,
    coverage: { overall: coverage(all.taggable, all.full), byStack },
    suppressions: suppressions.map((s) => ({ ...s, applied: used.get(s) ?? 0, expired: Boolean(s.expires && s.expires < options.today) })),
    context: ctx,
  };
}

export const active = (findings: readonly Finding[], severity: Severity) => findings.filter((f) => !f.suppressed && f.severity === severity);
