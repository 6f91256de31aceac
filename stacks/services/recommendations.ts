import { HttpService } from '../../golden-paths/http-service';
import type { Organisation } from '../../golden-paths/organisation';

/** Recommendations: memory-hungry, fed by a queue of events, models in a bucket. */
export function recommendations(org: Organisation): HttpService {
  return new HttpService(org, 'recommendations', {
    owner: 'data',
    description: 'Product recommendations from browsing and order events',
    tier: 3,
    version: '0.8.2',
    cpu: '1',
    memory: '2Gi',
    queue: true,
    bucket: true,
  });
}
