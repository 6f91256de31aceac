import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdktf';
import { analyse } from '../catalog/analyse';
import { buildPrReport } from '../catalog/pr-report/build-report';
import { readSynthesizedOutput } from '../catalog/pr-report/output-folder';
import { writeAnalysis } from '../catalog/analyse';
import { HttpService, HttpServiceProps } from '../golden-paths/http-service';
import { Organisation } from '../golden-paths/organisation';
import { synthesizeAtomically } from '../synth/synthesize';
import { settingsWith } from './helpers/org';
import { cleanUp, errorOf, Json, resourcesOfType, synth, SynthesizedStack, tempDir } from './helpers/synth';
import { validateAndPlanOffline, withTerraform } from './helpers/terraform';

afterAll(cleanUp);

/** Staging shares one load balancer per exposure; production keeps one per service. */
const sharedInStaging = (s: any) => (s.environments.staging.dns.sharedLoadBalancers = ['internal', 'public']);
const SERVICES: Array<[string, Partial<HttpServiceProps>]> = [
  ['shop', { expose: 'public', paths: ['/api', '/v2/'], slo: { availability: 99.9 } }],
  ['search', { expose: 'public', hostname: 'find' }],
  ['admin', { expose: 'internal' }],
  ['quiet', {}],
];
const build = (services = SERVICES, edit = sharedInStaging) => (app: App) => {
  const org = new Organisation(app, settingsWith(edit), 'test settings');
  for (const [name, props] of services) new HttpService(org, name, { owner: name === 'admin' ? 'platform' : 'storefront', description: 'x', version: '1.0.0', ...props });
};
const stack = (stacks: SynthesizedStack[], name: string): Json => stacks.find((s) => s.name === name)!.json;
const serviceOf = (r: Json) => r.tags?.service;

describe('dns.sharedLoadBalancers: the services of one exposure share one load balancer', () => {
  const { outdir, stacks } = synth(build());
  const staging = stack(stacks, 'staging-aws');
  const production = stack(stacks, 'production-aws');
  const lbs = resourcesOfType(staging, 'aws_lb');

  test('one load balancer per exposure in staging, owned by the platform; one per exposed service in production', () => {
    expect(lbs.map((l) => [l.name, l.internal, serviceOf(l), l.tags.exposure]).sort()).toEqual([
      ['shared-alb-internal-staging', true, 'shared-alb-internal', 'internal'],
      ['shared-alb-public-staging', false, 'shared-alb-public', 'public'],
    ]);
    expect(lbs.every((l) => l.access_logs.enabled === true && l.drop_invalid_header_fields === true)).toBe(true);
    expect(resourcesOfType(production, 'aws_lb').map(serviceOf).sort()).toEqual(['admin', 'search', 'shop']);
  });

  test('the platform owns the listeners, the WAF (public only) and the access log buckets; HTTPS only, HTTP redirects', () => {
    const listeners = resourcesOfType(staging, 'aws_lb_listener');
    expect(listeners).toHaveLength(4);
    for (const l of listeners) {
      if (l.port === 443) expect(l).toMatchObject({ protocol: 'HTTPS', ssl_policy: 'ELBSecurityPolicy-TLS13-1-2-2021-06', default_action: [{ type: 'fixed-response', fixed_response: { status_code: '404' } }] });
      else expect(l.default_action[0].type).toBe('redirect');
    }
    expect(resourcesOfType(staging, 'aws_wafv2_web_acl').map((w) => [w.name, serviceOf(w)])).toEqual([['shared-alb-public-staging', 'shared-alb-public']]);
    const logBuckets = resourcesOfType(staging, 'aws_s3_bucket').filter((b) => b.bucket.endsWith('-alb-logs'));
    expect(logBuckets.map((b) => b.bucket).sort()).toEqual(['acme-shared-alb-internal-staging-alb-logs', 'acme-shared-alb-public-staging-alb-logs']);
    // The default certificate is the environment's wildcard; each service's own name is added to the listener (SNI).
    expect(resourcesOfType(staging, 'aws_acm_certificate').map((c) => c.domain_name).sort()).toEqual(['*.staging.acme.example', '*.staging.acme.example', 'admin.staging.acme.example', 'find.staging.acme.example', 'shop.staging.acme.example']);
    // (Listener certificates take no tags: they sit in each service's construct.)
    expect(resourcesOfType(staging, 'aws_lb_listener_certificate').map((c) => c['//'].metadata.path.split('/')[1]).sort()).toEqual(['admin', 'search', 'shop']);
  });

  test('each service has its own target group and host-based rules with unique priorities; its name is an alias to the shared load balancer', () => {
    expect(resourcesOfType(staging, 'aws_lb_target_group').map(serviceOf).sort()).toEqual(['admin', 'search', 'shop']);
    const rules = resourcesOfType(staging, 'aws_lb_listener_rule');
    const shape = rules.map((r) => [serviceOf(r), r.priority, r.condition.map((c: Json) => c.host_header?.values[0] ?? c.path_pattern.values.join(' '))]);
    expect(shape.sort((a, b) => String(a[0]).localeCompare(String(b[0])) || Number(a[1]) - Number(b[1]))).toEqual([
      ['admin', 1, ['admin.staging.acme.example']],
      ['search', 3, ['find.staging.acme.example']],
      ['shop', 1, ['shop.staging.acme.example', '/api /api/*']],
      ['shop', 2, ['shop.staging.acme.example', '/v2 /v2/*']],
    ]);
    const alias = resourcesOfType(staging, 'aws_route53_record').find((r) => r.alias && r.name === 'find.staging.acme.example')!;
    expect(alias.alias.name).toMatch(/^\$\{aws_lb\.shared-alb-public_load-balancer_.*\.dns_name\}$/);
  });

  test('the shared load balancer reaches each service on its port only, and each service admits it', () => {
    const egress = resourcesOfType(staging, 'aws_vpc_security_group_egress_rule').filter((r) => r.description?.startsWith('To the pods of'));
    expect(egress.map((r) => [serviceOf(r), r.security_group_id.split('.')[1].split('_')[0], r.from_port])).toEqual([['admin', 'shared-alb-internal', 8080], ['search', 'shared-alb-public', 8080], ['shop', 'shared-alb-public', 8080]]);
    const ingress = resourcesOfType(staging, 'aws_vpc_security_group_ingress_rule').filter((r) => r.description === 'From the shared load balancer');
    expect(ingress.map((r) => [serviceOf(r), r.referenced_security_group_id.split('.')[1].split('_')[0]])).toEqual([['admin', 'shared-alb-internal'], ['search', 'shared-alb-public'], ['shop', 'shared-alb-public']]);
  });

  test('alarms and SLOs of a service on a shared load balancer read its target group, not the whole load balancer', () => {
    const alarms = resourcesOfType(staging, 'aws_cloudwatch_metric_alarm').filter((a) => a.alarm_name.startsWith('shop-staging-'));
    expect(alarms.map((a) => a.alarm_name)).not.toContain('shop-staging-alb-5xx');
    for (const a of alarms.filter((x) => x.metric_query)) {
      for (const q of a.metric_query.filter((m: Json) => m.metric)) expect({ alarm: a.alarm_name, dims: Object.keys(q.metric.dimensions).sort() }).toEqual({ alarm: a.alarm_name, dims: ['LoadBalancer', 'TargetGroup'] });
    }
    expect(resourcesOfType(production, 'aws_cloudwatch_metric_alarm').map((a) => a.alarm_name)).toContain('shop-production-alb-5xx');
  });

  const report = analyse(outdir);

  test('guardrails hold: no error finding on the shared load balancers', () => {
    const onShared = report.policy.findings.filter((f) => !f.suppressed && f.severity === 'error' && /shared-alb/.test(`${f.address} ${f.service}`));
    expect(onShared).toEqual([]);
  });

  test('and they bite: the shared public load balancer without its WAF association or access logs fails them', () => {
    const file = path.join(outdir, 'stacks', 'staging-aws', 'cdk.tf.json');
    const json = JSON.parse(fs.readFileSync(file, 'utf8'));
    delete json.resource.aws_wafv2_web_acl_association;
    const lb = Object.entries(json.resource.aws_lb as Record<string, Json>).find(([name]) => name.startsWith('shared-alb-public'))![1];
    lb.access_logs.enabled = false;
    fs.writeFileSync(file, JSON.stringify(json));
    const findings = analyse(outdir).policy.findings.filter((f) => f.stack === 'staging-aws' && f.address.startsWith('aws_lb.shared-alb-public')).map((f) => f.rule).sort();
    expect(findings).toEqual(['aws/alb-access-logs', 'aws/alb-waf']);
  });

  test('cost: each shared load balancer line is split evenly across the services behind it, provenance "shared by N services"; the parts add up', () => {
    const lines = report.cost.resources.filter((r) => r.stack === 'staging-aws' && r.type === 'aws_lb');
    const publicLb = lines.filter((l) => l.address.startsWith('aws_lb.shared-alb-public'));
    expect(publicLb.map((l) => l.service)).toEqual(['search', 'shop']);
    expect(publicLb.map((l) => l.team)).toEqual(['storefront', 'storefront']);
    for (const c of publicLb.flatMap((l) => l.components)) expect(c.provenance.source).toMatch(/; shared by 2 services \(split evenly\)$/);
    expect(Math.abs(publicLb[0].monthlyUsd - publicLb[1].monthlyUsd)).toBeLessThanOrEqual(0.01);
    // One whole ALB-month: 730 hours at the table's price, in two shares that add up to the cent.
    const hour = publicLb[0].components.find((c) => c.item === 'elb.application.hour')!;
    expect(hour.quantity).toBe(365);
    const whole = Math.round(Number(hour.unitUsd) * 730 * 100);
    expect(publicLb.reduce((s, l) => s + Math.round(l.components.find((c) => c.item === 'elb.application.hour')!.monthlyUsd * 100), 0)).toBe(whole);
    // The WAF goes with it; nothing of the shared load balancers stays with the platform's service rows.
    expect(report.cost.resources.filter((r) => r.stack === 'staging-aws' && /^shared-alb/.test(r.service ?? ''))).toEqual([]);
    const internalLb = lines.filter((l) => l.address.startsWith('aws_lb.shared-alb-internal'));
    expect(internalLb.map((l) => [l.service, l.team])).toEqual([['admin', 'platform']]);
  });
});

describe('bad input on a shared load balancer is one sentence each', () => {
  const fails = (services: Array<[string, Partial<HttpServiceProps>]>) => errorOf(() => build(services)(new App({ outdir: tempDir() })));

  test('two services with one hostname in an environment', () => {
    expect(fails([['shop', { expose: 'public' }], ['shop-v2', { expose: 'public', hostname: 'shop' }]])).toBe(`Service "shop-v2": hostname shop.acme.example in production is already service "shop"'s; each exposed service needs a hostname of its own (set prop hostname).`);
    // Across exposures too: an internal and a public service cannot answer at one name.
    expect(fails([['shop', { expose: 'internal' }], ['web', { expose: 'public', hostname: 'shop' }]])).toContain('is already service "shop"\'s');
  });

  test("a service named like the platform's shared load balancer", () => {
    expect(fails([['shared-alb-public', {}]])).toBe('Service "shared-alb-public" (http-service) is defined twice: a shared load balancer of the platform of that name exists already; service names are unique in the organisation.');
  });

  test('a TLS policy of its own on a shared load balancer', () => {
    expect(fails([['shop', { expose: 'public', tlsPolicy: 'ELBSecurityPolicy-TLS13-1-3-2021-06' }]])).toBe(
      `Service "shop": prop tlsPolicy cannot be set in staging, where public services share one load balancer whose TLS policy the platform sets (environments.staging.dns.sharedLoadBalancers); remove tlsPolicy.`,
    );
  });

  test('a huge paths list, a duplicate path, paths with markup', () => {
    const many = Array.from({ length: 21 }, (_, i) => `/p${i}`);
    expect(fails([['shop', { expose: 'public', paths: many }]])).toContain('prop paths is');
    expect(fails([['shop', { expose: 'public', paths: many }]])).toContain('has 21 entries, more than the 20 allowed.');
    expect(fails([['shop', { expose: 'public', paths: ['/a', '/a'] }]])).toContain('has "/a" twice.');
    expect(fails([['shop', { expose: 'public', paths: ['/<script>'] }]])).toContain('has "/<script>", which is not valid');
  });

  test('more rules than one listener takes, across services', () => {
    const services = Array.from({ length: 6 }, (_, i): [string, Partial<HttpServiceProps>] => [`svc-${i}`, { expose: 'public', paths: Array.from({ length: 20 }, (_, j) => `/p${j}`) }]);
    expect(fails(services)).toBe(
      `Service "svc-5": the shared public load balancer of staging would need 120 listener rules (one per path of each service), more than the 100 an ALB listener takes; give the service fewer paths or its own load balancer (remove public from environments.staging.dns.sharedLoadBalancers).`,
    );
  });

  test('an unknown exposure in the setting is refused by the schema', () => {
    expect(errorOf(() => build([], (s) => (s.environments.staging.dns.sharedLoadBalancers = ['cluster']))(new App({ outdir: tempDir() })))).toContain('sharedLoadBalancers');
  });
});

test('PR report: a service moved from internal to public on shared load balancers is "exposure widened"', () => {
  const written = (props: Partial<HttpServiceProps>, label: string) => {
    const outdir = path.join(tempDir(), 'cdktf.out');
    synthesizeAtomically(build([['shop', props], ['other', { expose: 'public' }]]), outdir, (staging) => writeAnalysis(staging));
    return readSynthesizedOutput(outdir, label);
  };
  const danger = buildPrReport(written({ expose: 'internal' }, 'base'), written({ expose: 'public' }, 'head')).danger.map((d) => `${d.stack} ${d.address.split('.')[0]} ${d.service}: ${d.reason}`);
  expect(danger).toContain('staging-aws aws_lb_target_group shop: exposure widened: service shop was reachable only inside the cluster or the VPC and gets rules on the shared internet-facing load balancer');
});

withTerraform.test('terraform validates and plans the staging AWS stack with shared load balancers offline', () => {
  const { stacks } = synth(build());
  const dir = stacks.find((s) => s.name === 'staging-aws')!.dir;
  const { valid, plan } = validateAndPlanOffline(dir);
  expect(valid).toBe(true);
  const created = plan.resource_changes.filter((c: Json) => c.change.actions.includes('create'));
  expect(created.filter((c: Json) => c.type === 'aws_lb').length).toBe(2);
  expect(created.filter((c: Json) => c.type === 'aws_lb_listener_certificate').length).toBe(3);
  expect(created.filter((c: Json) => c.type === 'aws_lb_listener_rule').length).toBe(4);
});
