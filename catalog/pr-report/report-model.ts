import type { PlanRecord } from './plan-digest';
import type { ImageToBuild } from './images-to-build';
import type { PlannedAction } from './plan-file';

/** The PR report's JSON (pr-report.json): what changed between the base and the head output. */
export interface PrReport {
  readonly summary: ReportSummary;
  /** Data loss and lost protection: always shown first, never truncated. */
  readonly danger: readonly DangerLine[];
  readonly services: readonly ServiceChange[];
  readonly ownership: readonly OwnershipChange[];
  readonly resources: readonly ResourceChange[];
  readonly cost: CostChanges;
  readonly findings: { readonly new: readonly FindingLine[]; readonly fixed: readonly FindingLine[] };
  readonly scorecards: readonly ScorecardChange[];
  /** The head's guardrail errors (synth fails on them): shown first. */
  readonly guardrailErrors: readonly FindingLine[];
  /** Suppressions the pull request adds, changes, widens or lets expire: shown right after the danger lines, never collapsed. */
  readonly suppressions: readonly SuppressionChange[];
  /** Per stack: planned, failed or not planned; absent when no plans were given. */
  readonly plans?: readonly StackPlan[];
  /** The reviewed plan, value for value (hashes, no values): what each deploy job checks its own plans against. */
  readonly planRecord?: PlanRecord;
  /** New service image versions, built when their version tag is pushed; absent when none. */
  readonly imagesToBuild?: readonly ImageToBuild[];
}

export interface ReportSummary {
  readonly danger: number;
  readonly servicesAdded: number;
  readonly servicesRemoved: number;
  readonly servicesChanged: number;
  readonly resourcesAdded: number;
  readonly resourcesRemoved: number;
  readonly resourcesChanged: number;
  readonly monthlyUsd: CostDelta;
  readonly newFindings: number;
  readonly fixedFindings: number;
  readonly guardrailErrors: number;
  readonly suppressionsChanged: number;
  readonly planned?: Readonly<Record<PlannedAction, number>>;
  readonly stacksNotPlanned?: number;
  readonly stacksFailed?: number;
  /** Per stack, the digest of every planned value (plan-digest.ts), or the stack's status when it was not planned. */
  readonly planDigests?: Readonly<Record<string, string>>;
}

export interface DangerLine {
  readonly stack: string;
  readonly address: string;
  readonly service?: string;
  readonly owner?: string;
  readonly reason: string;
}

export interface ServiceChange {
  readonly name: string;
  readonly change: 'added' | 'removed' | 'changed';
  readonly owner?: string;
  readonly costCenter?: string;
  /** What changed about a changed service: its owner, cost center, resources. */
  readonly details: readonly string[];
}

export interface OwnershipChange {
  readonly stack: string;
  readonly address: string;
  readonly change: string;
}

export interface ResourceChange {
  readonly stack: string;
  readonly address: string;
  readonly service?: string;
  readonly change: 'added' | 'removed' | 'changed';
  /** The top-level attributes whose value differs (changed resources). */
  readonly attributes?: readonly string[];
}

export interface CostDelta {
  readonly old: number;
  readonly new: number;
  readonly difference: number;
  /** null when the old cost was zero. */
  readonly percent: number | null;
}

export interface NamedCostDelta extends CostDelta {
  readonly name: string;
  readonly team?: string;
  readonly costCenter?: string;
}

export interface CostChanges {
  readonly byService: readonly NamedCostDelta[];
  readonly byTeam: readonly NamedCostDelta[];
  readonly byCostCenter: readonly NamedCostDelta[];
  readonly total: CostDelta;
}

export interface FindingLine {
  readonly rule: string;
  readonly severity: string;
  readonly stack: string;
  readonly address: string;
  readonly service?: string;
  readonly message: string;
}

export interface ScorecardChange {
  readonly service: string;
  readonly from?: string;
  readonly to?: string;
}

export interface StackPlan {
  readonly stack: string;
  readonly status: 'planned' | 'failed' | 'not-planned';
  readonly reason?: string;
  /** Offline plans: against the state the base's plan leaves, or against empty state (which shows no deletions). */
  readonly against?: 'base-state' | 'empty-state';
  readonly actions?: Readonly<Record<PlannedAction, number>>;
  /** Planned changes per service (unattributed ones under "(shared)"). */
  readonly byService?: ReadonlyArray<{ readonly service: string; readonly changes: ReadonlyArray<{ readonly address: string; readonly action: PlannedAction }> }>;
}

export interface SuppressionChange {
  /** added; changed (reason, expiry or reviewer); widened (covers more findings); expired. */
  readonly change: 'added' | 'changed' | 'widened' | 'expired';
  readonly rule: string;
  /** What it exempts: a construct subtree, a stack or an address. */
  readonly scope: string;
  /** The findings it suppresses in the head, as "stack address". */
  readonly resources: readonly string[];
  readonly reason: string;
  readonly expires?: string;
  /** The construct or file policy.json names. */
  readonly source: string;
  /** The file and line that declares it, where found in the project's source. */
  readonly location?: string;
  /** What it was before (changed or widened). */
  readonly was?: string;
}
