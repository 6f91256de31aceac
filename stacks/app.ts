import { App } from 'cdktf';
import { Organisation } from '../golden-paths/organisation';
import { ORGANISATION_FILE, organisationSettings } from './example-settings';
import { services } from './services';

/** The example organisation with all its services, on an app the caller synthesizes. */
export function buildOrganisation(app: App): Organisation {
  const org = new Organisation(app, organisationSettings, ORGANISATION_FILE);
  for (const service of services) service(org);
  return org;
}
