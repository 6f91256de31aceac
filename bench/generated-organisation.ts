import { App } from 'cdktf';
import { HttpService } from '../golden-paths/http-service';
import { Organisation } from '../golden-paths/organisation';

export const BENCH_TEAMS = 10;

/** Settings of a generated organisation: ten teams, staging and production. */
export function benchSettings() {
  const teams = Object.fromEntries(Array.from({ length: BENCH_TEAMS }, (_, i) => [`team-${i}`, { displayName: `Team ${i}`, costCenters: [`CC-${1000 + i}`] }]));
  return {
    name: 'bench',
    githubOwner: 'bench-org',
    platformTeam: 'team-0',
    environments: {
      staging: { production: false, region: 'us-east-1', accountId: '111111111111', cidr: '10.10.0.0/16', kubernetes: { oidcIssuer: 'oidc.eks.us-east-1.amazonaws.com/id/STAGING' } },
      production: { production: true, region: 'eu-west-1', accountId: '222222222222', cidr: '10.20.0.0/16', kubernetes: { oidcIssuer: 'oidc.eks.eu-west-1.amazonaws.com/id/PRODUCTION' } },
    },
    teams,
    tagKeys: { 'data-classification': { description: 'data class', required: true, allowed: ['public', 'internal'], default: 'internal' } },
  };
}

export const serviceName = (i: number) => `svc-${String(i).padStart(4, '0')}`;

/** `count` HttpServices (no data stores) in both environments, through the platform. */
export function buildPlatformOrganisation(app: App, count: number): Organisation {
  const org = new Organisation(app, benchSettings(), 'bench settings');
  for (let i = 0; i < count; i++) {
    new HttpService(org, serviceName(i), { owner: `team-${i % BENCH_TEAMS}`, description: `Generated service ${i}`, version: '1.0.0' });
  }
  return org;
}
