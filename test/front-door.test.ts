import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdktf';
import { HttpService } from '../golden-paths/http-service';
import { Organisation } from '../golden-paths/organisation';
import { buildOrganisation } from '../stacks/app';
import { oneService, settingsWith } from './helpers/org';
import { cleanUp, errorOf, Json, resources, resourcesOfType, synth, SynthesizedStack } from './helpers/synth';
import { policyDocument } from './helpers/policy-document';
import { validateAndPlanOffline, withTerraform } from './helpers/terraform';

afterAll(cleanUp);

const SLO = { availability: 99.9, latency: { thresholdMs: 300, percent: 99 } };
const stack = (stacks: SynthesizedStack[], name: string): Json => stacks.find((s) => s.name === name)!.json;
const only = (json: Json, type: string): Json => {
  const found = resourcesOfType(json, type);
  expect(found).toHaveLength(1);
  return found[0];
};

describe("expose: 'public'", () => {
  const { stacks } = synth((app) => oneService(app, { expose: 'public', hostname: 'shop', paths: ['/api', '/v2/'], slo: SLO }));
  const staging = stack(stacks, 'staging-aws');
  const production = stack(stacks, 'production-aws');

  test('an internet-facing ALB in the public subnets, dropping invalid headers, logging to its bucket; deletion protection in production only', () => {
    const lb = only(staging, 'aws_lb');
    expect(lb).toMatchObject({ internal: false, load_balancer_type: 'application', drop_invalid_header_fields: true, enable_deletion_protection: false, access_logs: { bucket: 'acme-svc-staging-alb-logs', enabled: true, prefix: 'alb' } });
    expect(lb.subnets.every((s: string) => s.includes('_public-'))).toBe(true);
    expect(only(production, 'aws_lb').enable_deletion_protection).toBe(true);
  });

  test('HTTPS with a current TLS policy and the validated certificate; HTTP only redirects to HTTPS', () => {
    const listeners = resourcesOfType(staging, 'aws_lb_listener');
    expect(listeners.map((l) => [l.port, l.protocol]).sort()).toEqual([[443, 'HTTPS'], [80, 'HTTP']]);
    const https = listeners.find((l) => l.port === 443)!;
    expect(https.ssl_policy).toBe('ELBSecurityPolicy-TLS13-1-2-2021-06');
    expect(https.certificate_arn).toMatch(/^\$\{aws_acm_certificate_validation\..*\.certificate_arn\}$/);
    // With paths, anything else is 404 and one rule per prefix forwards.
    expect(https.default_action[0]).toMatchObject({ type: 'fixed-response', fixed_response: { status_code: '404' } });
    const rules = resourcesOfType(staging, 'aws_lb_listener_rule');
    expect(rules.map((r) => r.condition[0].path_pattern.values)).toEqual([['/api', '/api/*'], ['/v2', '/v2/*']]);
    const http = listeners.find((l) => l.port === 80)!;
    expect(http.default_action).toEqual([{ type: 'redirect', redirect: { protocol: 'HTTPS', port: '443', status_code: 'HTTP_301' } }]);
  });

  test('the certificate is validated through DNS in the public zone; the name is an alias to the ALB', () => {
    expect(only(staging, 'aws_acm_certificate')).toMatchObject({ domain_name: 'shop.staging.acme.example', validation_method: 'DNS' });
    const records = resourcesOfType(staging, 'aws_route53_record');
    const validation = records.find((r) => r.records)!;
    expect(validation.zone_id).toBe('Z01STAGINGPUBLIC0001');
    const alias = records.find((r) => r.alias)!;
    expect(alias).toMatchObject({ zone_id: 'Z01STAGINGPUBLIC0001', name: 'shop.staging.acme.example', type: 'A', alias: { evaluate_target_health: true } });
    expect(only(production, 'aws_acm_certificate').domain_name).toBe('shop.acme.example');
  });

  test('a WAFv2 web ACL of AWS managed rule groups, associated with the ALB', () => {
    const acl = only(staging, 'aws_wafv2_web_acl');
    expect(acl.scope).toBe('REGIONAL');
    expect(acl.rule.map((r: Json) => r.statement.managed_rule_group_statement)).toEqual([
      { name: 'AWSManagedRulesAmazonIpReputationList', vendor_name: 'AWS' },
      { name: 'AWSManagedRulesCommonRuleSet', vendor_name: 'AWS' },
      { name: 'AWSManagedRulesKnownBadInputsRuleSet', vendor_name: 'AWS' },
    ]);
    expect(only(staging, 'aws_wafv2_web_acl_association').resource_arn).toMatch(/^\$\{aws_lb\./);
  });

  test('access logs: SSE-S3 (AES256, which ALB log delivery needs), expiry, public access blocked, ELB log delivery allowed under its prefix', () => {
    const buckets = resources(staging).filter(([type, , body]) => type === 'aws_s3_bucket' && body.bucket === 'acme-svc-staging-alb-logs');
    expect(buckets).toHaveLength(1);
    const [, name] = buckets[0];
    const about = (type: string) => resourcesOfType(staging, type).find((r) => JSON.stringify(r.bucket).includes(name))!;
    expect(about('aws_s3_bucket_server_side_encryption_configuration').rule).toEqual([{ apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } }]);
    expect(about('aws_s3_bucket_lifecycle_configuration').rule[0].expiration).toEqual([{ days: 90 }]);
    expect(about('aws_s3_bucket_public_access_block')).toMatchObject({ block_public_acls: true, block_public_policy: true });
    const policy = policyDocument(about('aws_s3_bucket_policy').policy);
    const delivery = policy.Statement.find((s: Json) => s.Sid === 'ElbWritesAccessLogs');
    // us-east-1 predates August 2022: the policy names Elastic Load Balancing's account there.
    expect(delivery).toMatchObject({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::127311923021:root' }, Action: 's3:PutObject' });
    expect(delivery.Resource).toMatch(/\/alb\/AWSLogs\/111111111111\/\*$/);
  });

  test('a target group of pod IPs, bound to the Service by a TargetGroupBinding in the Kubernetes stack', () => {
    expect(only(staging, 'aws_lb_target_group')).toMatchObject({ target_type: 'ip', port: 8080, protocol: 'HTTP', health_check: { path: '/readyz' } });
    const bindings = resourcesOfType(stack(stacks, 'staging-kubernetes'), 'kubernetes_manifest').map((m) => m.manifest).filter((m) => m.kind === 'TargetGroupBinding');
    expect(bindings).toHaveLength(1);
    const binding = bindings[0];
    expect(binding).toMatchObject({ apiVersion: 'elbv2.k8s.aws/v1beta1', kind: 'TargetGroupBinding', metadata: { name: 'svc', namespace: 'svc', labels: { owner: 'payments', service: 'svc' } }, spec: { serviceRef: { name: 'svc', port: 80 }, targetType: 'ip' } });
    expect(binding.spec.targetGroupARN).toMatch(/^\$\{data\.terraform_remote_state\..*aws_lb_target_group.*arn\}$/);
  });

  test('the ALB reaches the pods on their port only, and the pods admit only the ALB there', () => {
    const egress = resourcesOfType(staging, 'aws_vpc_security_group_egress_rule').filter((r) => r.description?.startsWith('To the pods'));
    expect(egress).toHaveLength(1);
    expect(egress[0]).toMatchObject({ ip_protocol: 'tcp', from_port: 8080, to_port: 8080 });
    expect(egress[0].referenced_security_group_id).toMatch(/svc_security-group/);
    const ingress = resourcesOfType(staging, 'aws_vpc_security_group_ingress_rule');
    expect(ingress.filter((r) => r.cidr_ipv4 === '0.0.0.0/0').map((r) => r.from_port).sort()).toEqual([443, 80]);
  });

  test('alarms on target 5xx rate, ALB 5xx, p99 latency and unhealthy hosts notify the team topic', () => {
    const alarms = resourcesOfType(staging, 'aws_cloudwatch_metric_alarm');
    const byName = Object.fromEntries(alarms.map((a) => [a.alarm_name, a]));
    for (const name of ['svc-staging-target-5xx', 'svc-staging-alb-5xx', 'svc-staging-latency-p99', 'svc-staging-unhealthy-hosts']) {
      expect(byName[name].alarm_actions).toEqual([expect.stringMatching(/^\$\{aws_sns_topic\.alerts-payments_topic_.*\.arn\}$/)]);
    }
    expect(byName['svc-staging-latency-p99']).toMatchObject({ extended_statistic: 'p99', metric_name: 'TargetResponseTime', threshold: 0.3 });
    expect(byName['svc-staging-unhealthy-hosts']).toMatchObject({ metric_name: 'UnHealthyHostCount', threshold: 0 });
    expect(byName['svc-staging-target-5xx'].metric_query.find((q: Json) => q.return_data).expression).toBe('100 * FILL(errors, 0) / requests');
  });

  test('SLOs become multi-window burn-rate alarms: 1h and 5m at 14.4x, 6h and 30m at 6x, each pair a composite that notifies', () => {
    const alarms = Object.fromEntries(resourcesOfType(staging, 'aws_cloudwatch_metric_alarm').map((a) => [a.alarm_name, a]));
    const window = (name: string) => ({ period: alarms[name].metric_query.find((q: Json) => q.metric)?.metric.period, threshold: alarms[name].threshold, actions: alarms[name].alarm_actions });
    expect(window('svc-staging-slo-availability-burn-1h')).toEqual({ period: 3600, threshold: 0.0144, actions: undefined });
    expect(window('svc-staging-slo-availability-burn-5m')).toEqual({ period: 300, threshold: 0.0144, actions: undefined });
    expect(window('svc-staging-slo-availability-burn-6h')).toEqual({ period: 21600, threshold: 0.006, actions: undefined });
    expect(window('svc-staging-slo-availability-burn-30m')).toEqual({ period: 1800, threshold: 0.006, actions: undefined });
    expect(window('svc-staging-slo-latency-burn-1h')).toEqual({ period: 3600, threshold: 0.144, actions: undefined });
    expect(alarms['svc-staging-slo-latency-burn-1h'].metric_query.find((q: Json) => q.metric).metric.stat).toBe('PR(:0.3)');
    const composites = resourcesOfType(staging, 'aws_cloudwatch_composite_alarm');
    expect(composites.map((c) => c.alarm_name).sort()).toEqual(['svc-staging-slo-availability-fast-burn', 'svc-staging-slo-availability-slow-burn', 'svc-staging-slo-latency-fast-burn', 'svc-staging-slo-latency-slow-burn']);
    const fast = composites.find((c) => c.alarm_name === 'svc-staging-slo-availability-fast-burn')!;
    expect(fast.alarm_rule).toMatch(/^ALARM\("\$\{aws_cloudwatch_metric_alarm\..*availability-fast-1h.*\}"\) AND ALARM\("\$\{aws_cloudwatch_metric_alarm\..*availability-fast-5m.*\}"\)$/);
    expect(fast.alarm_actions).toHaveLength(1);
  });

  test('the dashboard shows requests, 5xx, p99 and unhealthy targets; the metadata carries the URL, the SLOs and the alarms', () => {
    const dashboard = only(staging, 'aws_cloudwatch_dashboard');
    expect(dashboard.dashboard_body).toContain('HTTPCode_Target_5XX_Count');
    expect(dashboard.dashboard_body).toContain('UnHealthyHostCount');
    // The body is JSON once Terraform interpolates it: read the widgets, with references as Terraform wrote them.
    const widgets: Json[] = JSON.parse(dashboard.dashboard_body).widgets;
    const metricsOf = (title: string) => widgets.find((w) => w.properties.title === title)!.properties.metrics.map((m: unknown[]) => m[1]);
    expect(metricsOf('Requests and 5xx')).toEqual(['RequestCount', 'HTTPCode_Target_5XX_Count', 'HTTPCode_ELB_5XX_Count']);
    expect(widgets.find((w) => w.properties.title === 'Response time p99 (s) and unhealthy targets')!.properties.metrics[0]).toEqual(expect.arrayContaining(['TargetResponseTime', { stat: 'p99' }]));
    const burn = widgets.filter((w) => w.type === 'alarm');
    expect(burn.map((w) => w.properties.title)).toEqual(['SLO burn rate (svc-staging)']);
    const composites = new Map(resourcesOfType(staging, 'aws_cloudwatch_composite_alarm').map((c) => [c.alarm_name, c]));
    expect(burn[0].properties.alarms).toHaveLength(4);
    for (const arn of burn[0].properties.alarms) expect(arn).toMatch(/^\$\{aws_cloudwatch_composite_alarm\.[^.]+\.arn\}$/);
    // Each ARN reference names one of the four composite alarms (resource ids carry the objective and window).
    const ids = (burn[0].properties.alarms as string[]).map((a) => a.split('.')[1]).sort();
    expect(new Set(ids).size).toBe(4);
    expect(composites.size).toBe(4);
    // Widgets lie on the 24-column grid, two per row, none overlapping.
    expect(new Set(widgets.map((w) => `${w.x},${w.y}`)).size).toBe(widgets.length);
    const observed = staging['//'].groundwork.services.svc.observability.staging;
    expect(observed).toMatchObject({ url: 'https://shop.staging.acme.example', exposure: 'public', slo: SLO });
    expect(observed.alarmNames).toEqual(expect.arrayContaining(['svc-staging-target-5xx', 'svc-staging-slo-availability-fast-burn', 'svc-staging-slo-latency-slow-burn']));
  });
});

describe("expose: 'internal'", () => {
  const { stacks } = synth((app) => oneService(app, { expose: 'internal' }));
  const staging = stack(stacks, 'staging-aws');

  test('an internal ALB in the private subnets, admitting the VPC only, its name in the private zone, its certificate validated in the public zone, no WAF', () => {
    const lb = only(staging, 'aws_lb');
    expect(lb.internal).toBe(true);
    expect(lb.subnets.every((s: string) => s.includes('_private-'))).toBe(true);
    const records = resourcesOfType(staging, 'aws_route53_record');
    expect(records.find((r) => r.alias)).toMatchObject({ zone_id: 'Z01STAGINGPRIVATE001', name: 'svc.staging.acme.example' });
    expect(records.find((r) => r.records)!.zone_id).toBe('Z01STAGINGPUBLIC0001');
    expect(resourcesOfType(staging, 'aws_wafv2_web_acl')).toEqual([]);
    const ingress = resourcesOfType(staging, 'aws_vpc_security_group_ingress_rule').filter((r) => r.from_port === 443 && r['//'].metadata.path.includes('/load-balancer/'));
    expect(ingress.map((r) => r.cidr_ipv4)).toEqual(['10.10.0.0/16']);
    // Without paths, the HTTPS listener forwards everything.
    expect(resourcesOfType(staging, 'aws_lb_listener').find((l) => l.port === 443)!.default_action[0].type).toBe('forward');
  });

  test('internal records go in the public zone when the settings have no private zone', () => {
    const { stacks: others } = synth((app) => {
      const org = new Organisation(app, settingsWith((s) => delete s.environments.staging.dns.privateZoneId));
      new HttpService(org, 'svc', { owner: 'payments', description: 'x', version: '1.0.0', expose: 'internal' });
    });
    expect(resourcesOfType(stack(others, 'staging-aws'), 'aws_route53_record').find((r) => r.alias)!.zone_id).toBe('Z01STAGINGPUBLIC0001');
  });
});

test("the default stays 'cluster': a ClusterIP Service and no load balancer, binding or front-door alarm", () => {
  const { stacks } = synth((app) => oneService(app, {}));
  expect(resourcesOfType(stack(stacks, 'staging-aws'), 'aws_lb')).toEqual([]);
  expect(resourcesOfType(stack(stacks, 'staging-kubernetes'), 'kubernetes_manifest').map((m) => m.manifest.kind)).toEqual(['SecurityGroupPolicy']);
  expect(only(stack(stacks, 'staging-kubernetes'), 'kubernetes_service_v1').spec.type).toBe('ClusterIP');
});

describe('bad exposure props are one sentence each, and nothing is built', () => {
  const build = (props: Record<string, unknown>, edit?: (s: any) => void) => () => {
    const org = new Organisation(new App({ outdir: fs.mkdtempSync(path.join(require('os').tmpdir(), 'gw-')) }), settingsWith(edit));
    new HttpService(org, 'svc', { owner: 'payments', description: 'x', version: '1.0.0', ...(props as object) });
  };

  test.each([
    [{ expose: 'internet' }, 'prop expose is "internet", which must be one of cluster, internal, public'],
    [{ expose: 'public', hostname: 'Shop_1' }, 'prop hostname is "Shop_1", which is not valid'],
    [{ expose: 'public', hostname: '${var.x}' }, 'prop hostname is "${var.x}", which is not valid'],
    [{ expose: 'public', paths: ['/api', 'v2'] }, 'prop paths is ["/api","v2"], which has "v2", which is not valid'],
    [{ expose: 'public', paths: ['/a/*'] }, 'which has "/a/*", which is not valid'],
    [{ expose: 'public', tlsPolicy: 'ELBSecurityPolicy-TLS13-1-1-2021-06' }, 'prop tlsPolicy is "ELBSecurityPolicy-TLS13-1-1-2021-06", which is not valid'],
    [{ expose: 'public', tlsPolicy: 'ELBSecurityPolicy-2016-08' }, 'prop tlsPolicy is "ELBSecurityPolicy-2016-08", which is not valid'],
    [{ hostname: 'shop' }, `Service "svc": prop hostname needs a load balancer; set expose to 'internal' or 'public' (it is 'cluster').`],
    [{ slo: { availability: 99.9 } }, 'prop slo needs a load balancer'],
    [{ expose: 'public', slo: { availability: 100 } }, 'slo.availability is 100, but must be a number from 50 to below 100'],
    [{ expose: 'public', slo: { availability: '99.9' } }, 'slo.availability is "99.9"'],
    [{ expose: 'public', slo: { latency: { thresholdMs: 0.5, percent: 99 } } }, 'slo.latency.thresholdMs is 0.5, but must be a whole number of milliseconds from 1 to 60000'],
    [{ expose: 'public', slo: { latency: { thresholdMs: 300 } } }, 'slo.latency.percent is undefined'],
    [{ expose: 'public', slo: { uptime: 99 } }, 'slo.uptime is not an objective'],
    [{ expose: 'public', slo: {} }, 'slo names no objective'],
  ])('%j', (props, message) => {
    expect(errorOf(build(props))).toContain(message);
  });

  test('an environment without dns settings', () => {
    expect(errorOf(build({ expose: 'public' }, (s) => delete s.environments.production.dns))).toBe(
      `Service "svc": expose 'public' needs a DNS zone in production, but environments.production.dns is not in the organisation settings (give domain and publicZoneId).`,
    );
  });

  test('a zone ID that is not one is refused by the settings schema', () => {
    expect(errorOf(build({}, (s) => (s.environments.staging.dns.publicZoneId = '${var.zone}')))).toContain('publicZoneId');
  });

  test('a hostname too long for DNS once under the zone', () => {
    expect(errorOf(build({ expose: 'public', hostname: Array(5).fill('a'.repeat(60)).join('.') }))).toContain('is not a DNS name such as www.acme.example (at most 253 characters)');
  });
});

test('long service names get load balancer and target group names within 32 characters, deterministic and distinct', () => {
  const { stacks } = synth((app) => {
    const org = new Organisation(app, settingsWith());
    for (const name of ['ledger-reconciliation-service-a', 'ledger-reconciliation-service-b']) new HttpService(org, name, { owner: 'payments', description: 'x', version: '1.0.0', expose: 'internal' });
  });
  const names = resourcesOfType(stack(stacks, 'production-aws'), 'aws_lb').map((l) => l.name);
  expect(names).toHaveLength(2);
  expect(new Set(names).size).toBe(2);
  for (const n of names) expect(n.length).toBeLessThanOrEqual(32);
});

const maybe = withTerraform.test;

maybe('terraform validates and plans both AWS stacks of the example organisation offline, load balancer, certificate, DNS, WAF and alarms included', () => {
  const { stacks } = synth(buildOrganisation);
  for (const name of ['staging-aws', 'production-aws']) {
    const dir = stacks.find((s) => s.name === name)!.dir;
    const { valid, plan } = validateAndPlanOffline(dir);
    expect(valid).toBe(true);
    const created = plan.resource_changes.filter((c: Json) => c.change.actions.includes('create') && c.address.includes('shop-api'));
    const types = new Set(created.map((c: Json) => c.type));
    for (const type of ['aws_lb', 'aws_lb_listener', 'aws_lb_listener_rule', 'aws_lb_target_group', 'aws_acm_certificate', 'aws_acm_certificate_validation', 'aws_route53_record', 'aws_wafv2_web_acl', 'aws_wafv2_web_acl_association', 'aws_cloudwatch_composite_alarm', 'aws_s3_bucket_policy']) expect({ stack: name, type, planned: types.has(type) }).toEqual({ stack: name, type, planned: true });
    const lb = plan.planned_values.root_module.resources.find((r: Json) => r.type === 'aws_lb' && r.address.includes('shop-api'));
    expect(lb.values).toMatchObject({ internal: false, enable_deletion_protection: name === 'production-aws' });
  }
});
