import type { Catalog, ServiceEntity } from '../service-catalog/catalog-model';
import { literal, ResourceRecord } from '../terraform/resource-index';
import { hasScorecardRole } from '../resource-types/tables';
import type { Finding } from './engine';
import type { ScorecardRole } from '../resource-types/resource-type';

export type Level = 'none' | 'bronze' | 'silver' | 'gold';

export interface ScorecardCheck {
  readonly id: string;
  readonly level: Exclude<Level, 'none'>;
  readonly passed: boolean;
  readonly detail: string;
}

export interface Scorecard {
  readonly service: string;
  readonly level: Level;
  readonly checks: ScorecardCheck[];
}

const LEVELS: Array<Exclude<Level, 'none'>> = ['bronze', 'silver', 'gold'];

/** The teams the organisation settings name, found once per catalog (every service asks: a search of every entity each time was quadratic in a large plan). */
const teamsBySettings = new WeakMap<Catalog, ReadonlySet<string>>();
function settingsTeams(catalog: Catalog): ReadonlySet<string> {
  let teams = teamsBySettings.get(catalog);
  if (!teams) teamsBySettings.set(catalog, (teams = new Set(catalog.entities.filter((e) => e.kind === 'team' && e.source === 'settings').map((e) => e.name))));
  return teams;
}

/**
 * Bronze: owned, in a repository, tagged, no guardrail errors. Silver: runbook and dashboard,
 * no warnings, database backups, secret scanning and dependency updates on its repository. Gold:
 * Multi-AZ data stores in production, autoscaling, disruption budgets, docs, required CI checks. A level needs every check of it and of the levels below.
 */
export function scoreService(
  service: ServiceEntity,
  catalog: Catalog,
  /** The service's resources and its unsuppressed findings. */
  mine: readonly ResourceRecord[],
  open: readonly Finding[],
  isProduction: (r: ResourceRecord) => boolean,
): Scorecard {
  const link = (type: string) => service.links.some((l) => l.type === type);
  const knownTeam = service.owner !== undefined && settingsTeams(catalog).has(service.owner);
  const databases = mine.filter((r) => hasScorecardRole(r.type, 'database-backups'));
  const productionStores = mine.filter((r) => hasScorecardRole(r.type, 'multi-az-production') && isProduction(r));
  const workloads = mine.filter((r) => hasScorecardRole(r.type, 'workload'));
  const perEnvironment = (role: ScorecardRole) => workloads.every((w) => mine.some((r) => hasScorecardRole(r.type, role) && r.stack === w.stack));
  const repositories = mine.filter((r) => hasScorecardRole(r.type, 'repository'));
  const repositoryRule = (rule: string) => repositories.length > 0 && !open.some((f) => f.rule === rule);
  const check = (id: string, level: ScorecardCheck['level'], passed: boolean, detail: string): ScorecardCheck => ({ id, level, passed, detail });
  const checks = [
    check('owner', 'bronze', Boolean(service.owner) && (knownTeam || !catalog.organisation), service.owner ? `owned by ${service.owner}` : 'no owner'),
    check('repository', 'bronze', Boolean(service.repositoryUrl), service.repositoryUrl ?? 'no repository'),
    check('complete-tags', 'bronze', !open.some((f) => f.rule === 'tagging/required-tags'), 'every resource carries the ownership tags'),
    check('no-errors', 'bronze', !open.some((f) => f.severity === 'error'), `${open.filter((f) => f.severity === 'error').length} guardrail errors`),
    check('runbook', 'silver', link('runbook'), 'a runbook is linked'),
    check('dashboard', 'silver', link('dashboard'), 'a dashboard is linked'),
    check('no-warnings', 'silver', !open.some((f) => f.severity === 'warning'), `${open.filter((f) => f.severity === 'warning').length} guardrail warnings`),
    check('secret-scanning', 'silver', repositoryRule('github/secret-scanning'), 'its repository has secret scanning and push protection'),
    check('dependency-updates', 'silver', repositoryRule('github/dependabot-security-updates'), 'its repository has Dependabot alerts and security updates'),
    check('required-checks', 'gold', repositoryRule('github/required-status-checks'), 'its repository requires its CI checks'),
    check('database-backups', 'silver', databases.every((d) => Number(literal(d.body.backup_retention_period) ?? 0) >= 1), `${databases.length} databases with automated backups`),
    check('multi-az-production', 'gold', productionStores.every((r) => r.body.multi_az === true || r.body.multi_az === 'true' || r.body.multi_az_enabled === true), 'production data stores are Multi-AZ'),
    check('autoscaling', 'gold', perEnvironment('autoscaler'), 'each workload has an autoscaler'),
    check('disruption-budget', 'gold', perEnvironment('disruption-budget'), 'each workload has a disruption budget'),
    check('docs', 'gold', link('docs'), 'documentation is linked'),
  ];
  let level: Level = 'none';
  for (const l of LEVELS) {
    if (checks.filter((c) => c.level === l).every((c) => c.passed)) level = l;
    else break;
  }
  return { service: service.name, level, checks };
}
