import { GoldenPathDefinition, withDefaults } from './golden-path-definition';
import { Construct } from 'constructs';
import { ServiceObservability } from '../constructs/service-observability';
import { PRICE_CLASSES, SiteDistribution, SiteDistributionProps } from '../constructs/site-distribution';
import type { Organisation } from './organisation';
import { GoldenPathProps, GoldenPathService } from './service-base';

/** The static-site defaults, stated once: the class applies them, its options show them. */
export const STATIC_SITE_DEFAULTS = { singlePageApp: false, priceClass: 'PriceClass_100' } as const satisfies Partial<StaticSiteProps>;

export interface StaticSiteProps extends GoldenPathProps, Pick<SiteDistributionProps, 'priceClass' | 'singlePageApp'> {
  /** Custom domain per environment, e.g. { production: 'www.acme.example' }. @default the cloudfront.net domain */
  readonly domains?: Readonly<Record<string, { readonly domainName: string; readonly certificateArn: string }>>;
}

/**
 * The golden path for a static site: a private S3 bucket behind CloudFront with origin access
 * control, HTTPS only, security headers and access logs, plus a dashboard of its traffic.
 */
export class StaticSite extends GoldenPathService {
  readonly environments: Readonly<Record<string, SiteDistribution>>;

  constructor(organisation: Organisation, name: string, readonly props: StaticSiteProps) {
    super(organisation, name, props, STATIC_SITE_PATH);
    const environments: Record<string, SiteDistribution> = {};
    for (const envName of this.environmentNames) {
      const stacks = organisation.environments[envName];
      const ownership = this.ownershipIn(envName);
      const scope = new Construct(stacks.aws, name);
      const site = new SiteDistribution(scope, 'site', {
        environment: stacks.network,
        ownership,
        organisationName: organisation.settings.name,
        priceClass: props.priceClass ?? STATIC_SITE_DEFAULTS.priceClass,
        singlePageApp: props.singlePageApp ?? STATIC_SITE_DEFAULTS.singlePageApp,
        ...props.domains?.[envName],
      });
      const observability = new ServiceObservability(scope, 'observability', {
        environment: stacks.network,
        ownership,
        alertTopicArn: organisation.alertTopic(ownership.owner, envName).topicArn,
      });
      // CloudFront publishes its metrics in us-east-1, whatever the environment's region.
      const metric = (name: string) => ['AWS/CloudFront', name, 'DistributionId', site.distributionId, 'Region', 'Global'];
      observability.widget(`Site ${name}: requests`, [metric('Requests')], 'us-east-1');
      observability.widget(`Site ${name}: error rates (%)`, [metric('4xxErrorRate'), metric('5xxErrorRate')], 'us-east-1');
      this.uses(stacks.aws, envName, observability);
      environments[envName] = site;
    }
    this.environments = environments;
    this.recordMetadata();
  }
}

/** The static-site golden path as data: `npm run golden-paths`, `new-service` and props validation read it. */
export const STATIC_SITE_PATH: GoldenPathDefinition = {
  name: 'static-site',
  className: StaticSite.name,
  summary: 'A static site: private S3 bucket behind CloudFront with origin access control, HTTPS only, security headers, access logs, a traffic dashboard.',
  defaults: STATIC_SITE_DEFAULTS,
  // A site is files behind a CDN: no workload to restart, scale or roll back.
  operations: [],
  options: withDefaults(STATIC_SITE_DEFAULTS, [
    { flag: 'single-page-app', prop: 'singlePageApp', type: 'boolean', description: 'serve index.html for unknown paths' },
    { flag: 'price-class', prop: 'priceClass', type: 'string', description: 'CloudFront edge locations', choices: PRICE_CLASSES },
  ]),
};
