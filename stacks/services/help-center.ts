import type { Organisation } from '../../golden-paths/organisation';
import { StaticSite } from '../../golden-paths/static-site';

/** The public help center: a static site on CloudFront. */
export function helpCenter(org: Organisation): StaticSite {
  return new StaticSite(org, 'help-center', {
    owner: 'storefront',
    description: 'Help articles for shoppers',
    system: 'shop',
    tags: { 'data-classification': 'public' },
    singlePageApp: true,
    domains: { production: { domainName: 'help.acme.example', certificateArn: 'arn:aws:acm:us-east-1:222222222222:certificate/0f6c2d4e-1a2b-4c3d-9e8f-123456789abc' } },
  });
}
