import { isAwsConsoleUrl } from '../../model/aws-console';
import { serviceUrlHostname } from '../../model/dns-name';
import { Catalog, CatalogEntity, EntityKind, EntityLink, isKind, ServiceEndpoint } from '../service-catalog/catalog-model';
import type { CostReport } from '../cost/report';
import type { PolicyReport } from '../policy/report';
import { adoptionReport, type AdoptionReport } from '../adoption/adoption-report';
import type { OrganisationMetadata } from '../../model/golden-path-metadata';
import { ISSUE_FORM_FILES, issueFormUrl } from '../../model/organisation-settings';
import { safeUrl } from './html-text';
import { type Column, type PackedTable, StringPool } from './packed-table';

/** What the page's script reads: the catalog, cost and guardrail facts a person looks for, per service and team. */
export interface PortalData {
  readonly organisation: string;
  readonly summary: Catalog['summary'];
  readonly prices: string;
  readonly totals: { monthlyUsd: number; unallocatedUsd: number; notPriced: number; errors: number; warnings: number; suppressed: number; tagCoverage: number };
  readonly services: PortalService[];
  readonly teams: PortalTeam[];
  readonly resources: PortalResource[];
  readonly costLines: PortalCostLine[];
  readonly findings: PortalFinding[];
  readonly costCenters: Array<{ name: string; monthlyUsd: number }>;
  readonly environments: string[];
  /** Currency of actual spend, when `npm run spend` has run. */
  readonly spendCurrency?: string;
  /** Golden-path adoption, scorecards and tag coverage per team: the figures of `npm run adoption`. */
  readonly adoption: AdoptionReport;
  /** The platform repository's issue forms, when the output names the repository. */
  readonly forms?: PortalForms;
}

export interface PortalForms {
  readonly newService: string;
  readonly scale: string;
  readonly addDataStore: string;
}

/** The issue-form links, from the organisation metadata synth wrote (absent in plain Terraform: no links). */
export function formLinks(organisation: OrganisationMetadata | undefined): PortalForms | undefined {
  if (!organisation?.platformRepository) return undefined;
  const url = (form: string) => issueFormUrl(organisation.githubOwner, organisation.platformRepository!, form);
  return { newService: url(ISSUE_FORM_FILES.newService), scale: url(ISSUE_FORM_FILES.scale), addDataStore: url(ISSUE_FORM_FILES.addDataStore) };
}

export interface PortalLink {
  readonly title: string;
  readonly url: string;
  readonly type: string;
}

export interface PortalService {
  readonly name: string;
  readonly description?: string;
  readonly owner?: string;
  readonly costCenter?: string;
  readonly system?: string;
  readonly goldenPath: string;
  /** Day-2 operations the platform offers (restart, rollback, scale); run from the `actions` link. */
  readonly operations: string[];
  readonly lifecycle?: string;
  readonly tier?: number;
  readonly environments: string[];
  readonly tags: Record<string, string>;
  readonly links: PortalLink[];
  readonly level: string;
  /** The scorecard checks that fail: what is missing for the next level. */
  readonly missing: Array<{ id: string; level: string; detail: string }>;
  readonly monthlyUsd?: number;
  readonly notPriced: number;
  readonly spend?: { month: string; amount: number };
  /** Entity ids this service depends on, and of those that depend on it. */
  readonly dependsOn: string[];
  readonly dependencyOf: string[];
  /** Resource entity ids that are part of it or that it uses. */
  readonly resources: string[];
  /** Per environment where it is exposed beyond the cluster. */
  readonly endpoints: PortalEndpoint[];
}

/** Where a service answers in one environment, what it promises and what watches it. */
export interface PortalEndpoint {
  readonly environment: string;
  /** Only `https://<DNS name>`: the page links nothing else. */
  readonly url?: string;
  readonly exposure: string;
  readonly slo?: ServiceEndpoint['slo'];
  readonly alarms: Array<{ name: string; url?: string }>;
}

export interface PortalTeam {
  readonly name: string;
  readonly title: string;
  readonly email?: string;
  readonly slackChannel?: string;
  readonly costCenters: string[];
  readonly services: string[];
  readonly monthlyUsd?: number;
  readonly spend?: { month: string; amount: number };
}

export interface PortalResource {
  readonly id: string;
  readonly name: string;
  readonly type: string;
  readonly service?: string;
  readonly environment?: string;
  readonly addresses: string[];
  readonly links: PortalLink[];
  /** Services that depend on it (data stores). */
  readonly usedBy: string[];
}

export interface PortalCostLine {
  readonly stack: string;
  readonly address: string;
  readonly type: string;
  readonly service?: string;
  readonly team?: string;
  readonly costCenter?: string;
  readonly environment?: string;
  readonly monthlyUsd: number;
  readonly components: Array<{ what: string; quantity: number; unit: string; unitUsd: string; monthlyUsd: number; origin?: string }>;
  /** Where the line's prices come from, when the cost report says (per-line provenance). */
  readonly origin?: string;
}

export interface PortalFinding {
  readonly severity: string;
  readonly rule: string;
  readonly stack: string;
  readonly address: string;
  readonly service?: string;
  readonly owner?: string;
  readonly message: string;
  readonly fix: string;
  readonly suppressed?: string;
}

const links = (list: readonly EntityLink[]): PortalLink[] =>
  list.flatMap((l) => {
    const url = safeUrl(l.url);
    return url ? [{ title: l.title, url, type: l.type }] : [];
  });

/**
 * A price's origin as one line of text, from whatever the cost report carries (a string, or an
 * object such as { source, sku, effectiveDate }); absent when the report has none.
 */
export function describeOrigin(value: unknown): string | undefined {
  if (typeof value === 'string') return value || undefined;
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const parts = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => typeof v === 'string' || typeof v === 'number')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}: ${v}`);
  return parts.length ? parts.join(', ') : undefined;
}

/** The catalog's endpoints as the page shows them: a URL or an alarm link only where it is one the platform builds. */
const endpoints = (list: readonly ServiceEndpoint[] | undefined): PortalEndpoint[] =>
  (list ?? []).map((p) => {
    const hostname = serviceUrlHostname(p.url);
    return {
      environment: p.environment,
      ...(hostname ? { url: `https://${hostname}` } : {}),
      exposure: p.exposure,
      ...(p.slo ? { slo: p.slo } : {}),
      alarms: p.alarms.map((a) => (a.url && isAwsConsoleUrl(a.url) ? { name: a.name, url: a.url } : { name: a.name })),
    };
  });

/** Provenances are shared by every component one price entry priced: described once each. */
const origins = new WeakMap<object, string | undefined>();
function originOf(o: Record<string, unknown>): string | undefined {
  const given = o.provenance ?? o.priceSource ?? o.source;
  if (!given || typeof given !== 'object') return describeOrigin(given);
  if (!origins.has(given)) origins.set(given, describeOrigin(given));
  return origins.get(given);
}

const related = (e: CatalogEntity, type: string) => e.relations.filter((r) => r.type === type).map((r) => r.target);

/** The page's records, every list made whole (what the page's script reads back). */
export function portalData(catalog: Catalog, cost: CostReport, policy: PolicyReport, forms?: PortalForms): PortalData {
  const records = portalRecords(catalog, cost, policy, forms);
  return { ...records, resources: [...records.resources], costLines: [...records.costLines], findings: [...records.findings] };
}

/** The lists that grow with resources, made one record at a time as they are packed (a large plan's are never all in memory as records). */
type LazyLists = 'resources' | 'costLines' | 'findings';
export type PortalRecords = Omit<PortalData, LazyLists> & { readonly [K in LazyLists]: Iterable<PortalData[K][number]> };

/** Each item mapped when the list is read (it may be read more than once). */
function lazyMap<T, U>(list: readonly T[], map: (item: T) => U): Iterable<U> {
  return {
    *[Symbol.iterator]() {
      for (const item of list) yield map(item);
    },
  };
}

export function portalRecords(catalog: Catalog, cost: CostReport, policy: PolicyReport, forms?: PortalForms): PortalRecords {
  const of = <K extends EntityKind>(kind: K) => catalog.entities.filter(isKind(kind));
  const checks = new Map(policy.scorecards.map((s) => [s.service, s.checks]));
  const services = of('service').map(
    (s): PortalService => ({
      name: s.name,
      description: s.description,
      owner: s.owner,
      costCenter: s.costCenter,
      system: s.system,
      goldenPath: s.goldenPath ?? 'tags',
      operations: s.operations ?? [],
      lifecycle: s.lifecycle,
      tier: s.tier,
      environments: s.environments ?? [],
      tags: s.tags,
      links: links(s.links),
      level: s.scorecard?.level ?? 'none',
      missing: (checks.get(s.name) ?? []).filter((c) => !c.passed).map((c) => ({ id: c.id, level: c.level, detail: c.detail })),
      monthlyUsd: s.cost?.monthlyUsd,
      notPriced: s.cost?.notPriced ?? 0,
      spend: s.spend && { month: s.spend.month, amount: s.spend.amount },
      dependsOn: related(s, 'dependsOn'),
      dependencyOf: related(s, 'dependencyOf'),
      resources: [...related(s, 'dependsOn'), ...related(s, 'hasPart')].filter((id) => id.startsWith('resource:')).sort(),
      endpoints: endpoints(s.endpoints),
    }),
  );
  const resources = lazyMap(of('resource'),
    (r): PortalResource => ({
      id: r.id,
      name: r.name,
      type: r.type,
      service: r.service,
      environment: r.environment,
      addresses: r.terraform.map((t) => `${t.stack}/${t.address}`),
      links: links(r.links),
      usedBy: related(r, 'dependencyOf'),
    }),
  );
  const teams = of('team').map(
    (t): PortalTeam => ({
      name: t.name,
      title: t.title ?? t.name,
      email: t.email,
      slackChannel: t.slackChannel,
      costCenters: t.costCenters ?? [],
      services: t.services ?? [],
      monthlyUsd: t.cost?.monthlyUsd,
      spend: t.spend && { month: t.spend.month, amount: t.spend.amount },
    }),
  );
  const costLines = lazyMap(cost.resources, (line): PortalCostLine => {
    const raw = line as unknown as Record<string, unknown>;
    return {
      stack: line.stack,
      address: line.address,
      type: line.type,
      service: line.service,
      team: line.team,
      costCenter: line.costCenter,
      environment: line.environment,
      monthlyUsd: line.monthlyUsd,
      components: line.components.map((c) => ({ what: c.what, quantity: c.quantity, unit: c.unit, unitUsd: c.unitUsd, monthlyUsd: c.monthlyUsd, origin: originOf(c as unknown as Record<string, unknown>) })),
      origin: originOf(raw),
    };
  });
  const findings = lazyMap(policy.findings,
    (f): PortalFinding => ({ severity: f.severity, rule: f.rule, stack: f.stack, address: f.address, service: f.service, owner: f.owner, message: f.message, fix: f.fix, suppressed: f.suppressed && `${f.suppressed.reason} (${f.suppressed.source})` }),
  );
  return {
    organisation: catalog.organisation ?? 'Groundwork',
    summary: catalog.summary,
    prices: cost.priceTables.map((t) => `${t.region} ${t.effectiveDate}`).join(', '),
    totals: {
      monthlyUsd: cost.total.monthlyUsd,
      unallocatedUsd: cost.unallocated.monthlyUsd,
      notPriced: cost.total.notPricedResources,
      errors: policy.summary.errors,
      warnings: policy.summary.warnings,
      suppressed: policy.summary.suppressed,
      tagCoverage: policy.tagCoverage.overall.percent,
    },
    services,
    teams,
    resources,
    costLines,
    findings,
    costCenters: cost.byCostCenter.map((r) => ({ name: r.name, monthlyUsd: r.monthlyUsd })),
    environments: of('environment').map((e) => e.name),
    spendCurrency: catalog.entities.map((e) => ('spend' in e ? e.spend : undefined)).find(Boolean)?.currency,
    adoption: adoptionReport(catalog, policy),
    ...(forms ? { forms } : {}),
  };
}

const LINK: readonly Column[] = [
  ['title', 's'],
  ['url', 'u'],
  ['type', 's'],
];
const SPEND: Column = ['spend', 'v'];

/**
 * The two data blocks of the page, packed (packed-table.ts). `main` is what the first view needs
 * (services, teams, findings, totals); `detail` (resources with their Terraform addresses and
 * links, and every cost line with its components) is parsed only when a page that shows it opens.
 */
export function packedPortalData(data: PortalRecords): { main: unknown; detail: unknown } {
  const main = new StringPool();
  const { services, teams, findings, resources, costLines, ...head } = data;
  const mainTables: Record<string, PackedTable> = {
    services: main.table(services, [
      ['name', 's'],
      ['description', 's'],
      ['owner', 's'],
      ['costCenter', 's'],
      ['system', 's'],
      ['goldenPath', 's'],
      ['operations', 'S'],
      ['lifecycle', 's'],
      ['tier', 'v'],
      ['environments', 'S'],
      ['tags', 'R'],
      ['links', 'T', LINK],
      ['level', 's'],
      ['missing', 'T', [['id', 's'], ['level', 's'], ['detail', 's']]],
      ['monthlyUsd', 'v'],
      ['notPriced', 'v'],
      ['dependsOn', 'S'],
      ['dependencyOf', 'S'],
      ['resources', 'S'],
      SPEND,
      ['endpoints', 'T', [['environment', 's'], ['url', 'u'], ['exposure', 's'], ['slo', 'v'], ['alarms', 'T', [['name', 's'], ['url', 'u']]]]],
    ]),
    teams: main.table(teams, [
      ['name', 's'],
      ['title', 's'],
      ['email', 's'],
      ['slackChannel', 's'],
      ['costCenters', 'S'],
      ['services', 'S'],
      ['monthlyUsd', 'v'],
      SPEND,
    ]),
    findings: main.table(findings, [
      ['severity', 's'],
      ['rule', 's'],
      ['stack', 's'],
      ['address', 'u'],
      ['service', 's'],
      ['owner', 's'],
      ['message', 's'],
      ['fix', 's'],
      ['suppressed', 's'],
    ]),
  };
  const detail = new StringPool();
  const detailTables: Record<string, PackedTable> = {
    resources: detail.table(resources, [
      ['id', 's'],
      ['name', 's'],
      ['type', 's'],
      ['service', 's'],
      ['environment', 's'],
      ['addresses', 'U'],
      ['links', 'T', LINK],
      ['usedBy', 'S'],
    ]),
    costLines: detail.table(costLines, [
      ['stack', 's'],
      ['address', 'u'],
      ['type', 's'],
      ['service', 's'],
      ['team', 's'],
      ['costCenter', 's'],
      ['environment', 's'],
      ['monthlyUsd', 'v'],
      ['components', 'T', [['what', 's'], ['quantity', 'v'], ['unit', 's'], ['unitUsd', 's'], ['monthlyUsd', 'v'], ['origin', 's']]],
      ['origin', 's'],
    ]),
  };
  return { main: { ...head, strings: main.strings, tables: mainTables }, detail: { strings: detail.strings, tables: detailTables } };
}
