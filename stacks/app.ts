import { App } from 'cdktf';
import { Organisation } from '../golden-paths/organisation';
import { organisationSettings } from './organisation';
import { services } from './services';

/** The example organisation with all its services, on an app the caller synthesizes. */
export function buildOrganisation(app: App): Organisation {
  const org = new Organisation(app, organisationSettings, 'stacks/organisation.ts');
  for (const service of services) service(org);
  return org;
}
