import { App } from 'cdktf';
import { HttpService, HttpServiceProps } from '../../golden-paths/http-service';
import { Organisation } from '../../golden-paths/organisation';
import { organisationSettings } from '../../stacks/example-settings';

/** A copy of the example settings, changed by `edit`, for tests of one setting. */
export function settingsWith(edit: (s: any) => void = () => undefined): any {
  const copy = structuredClone(organisationSettings) as any;
  edit(copy);
  return copy;
}

/** An organisation of the example settings with one service, for tests of one prop. */
export function oneService(app: App, props: Partial<HttpServiceProps> = {}, name = 'svc'): HttpService {
  const org = new Organisation(app, settingsWith(), 'test settings');
  return new HttpService(org, name, { owner: 'payments', description: 'A test service', version: '1.0.0', ...props });
}
