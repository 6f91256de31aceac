import { HttpService } from '../../golden-paths/http-service';
import type { Organisation } from '../../golden-paths/organisation';

/** An experiment, so far only in staging: e-mail and push notifications from a queue. */
export function notifications(org: Organisation): HttpService {
  return new HttpService(org, 'notifications', {
    owner: 'platform',
    description: 'E-mail and push notifications',
    lifecycle: 'experimental',
    environments: ['staging'],
    version: '0.3.0',
    queue: true,
  });
}
