import { buildOrganisation } from '../stacks/app';
import { byPath, cleanUp, Json, resourcesOfType, synth } from './helpers/synth';

/** What the Worker, ScheduledJob and StaticSite golden paths and the built-in observability create. */
let stacks: Record<string, Json>;
beforeAll(() => {
  stacks = Object.fromEntries(synth(buildOrganisation).stacks.map((s) => [s.name, s.json]));
});
afterAll(cleanUp);

const named = (stack: string, type: string, name: string) => resourcesOfType(stacks[stack], type).find((r) => r.metadata?.name === name || r.name === name || r.alarm_name === name)!;

describe('Worker', () => {
  test('no ingress: no Service, a NetworkPolicy denying all inbound traffic, health probes only', () => {
    const k8s = stacks['production-kubernetes'];
    expect(resourcesOfType(k8s, 'kubernetes_service_v1').map((s) => s.metadata.name)).not.toContain('order-events');
    // The namespace denies everything; the worker's own policy allows outbound only, so nothing reaches it.
    const policies = resourcesOfType(k8s, 'kubernetes_network_policy_v1').filter((p) => p.metadata.namespace === 'order-events');
    expect(policies.map((p) => [p.metadata.name, p.spec.policy_types])).toEqual([['allow-golden-path', ['Egress']], ['default-deny', ['Ingress', 'Egress']]]);
    const allow = policies[0].spec;
    expect(allow.pod_selector).toEqual({ match_labels: { 'app.kubernetes.io/name': 'order-events', 'app.kubernetes.io/component': 'worker' } });
    expect(allow.ingress).toBeUndefined();
  });

  test('scales on queue depth where the cluster serves external metrics (production), on CPU elsewhere', () => {
    const hpa = (stack: string) => named(stack, 'kubernetes_horizontal_pod_autoscaler_v2', 'order-events').spec;
    expect(hpa('production-kubernetes').metric[0]).toMatchObject({
      type: 'External',
      external: { metric: { name: 'sqs_approximate_number_of_messages_visible', selector: [{ match_labels: { queue_name: 'order-events-production' } }] }, target: { type: 'AverageValue', average_value: '50' } },
    });
    expect(hpa('production-kubernetes')).toMatchObject({ min_replicas: 2, max_replicas: 20 });
    expect(hpa('staging-kubernetes').metric[0].type).toBe('Resource');
  });

  test('alarms on dead letters and the oldest message, to the team topic', () => {
    const dlq = named('production-aws', 'aws_cloudwatch_metric_alarm', 'order-events-production-dlq-depth');
    expect(dlq).toMatchObject({ namespace: 'AWS/SQS', metric_name: 'ApproximateNumberOfMessagesVisible', dimensions: { QueueName: 'order-events-production-dlq' }, threshold: 0 });
    const topic = Object.entries<Json>(stacks['production-aws'].resource.aws_sns_topic).find(([, t]) => t.name === 'acme-payments-alerts-production')![0];
    expect(dlq.alarm_actions).toEqual([`\${aws_sns_topic.${topic}.arn}`]);
    expect(named('production-aws', 'aws_cloudwatch_metric_alarm', 'order-events-production-oldest-message').metric_name).toBe('ApproximateAgeOfOldestMessage');
  });
});

describe('ScheduledJob', () => {
  test('a CronJob with history limits, a concurrency policy, a deadline and retries', () => {
    const job = named('production-kubernetes', 'kubernetes_cron_job_v1', 'ledger-reconciliation');
    expect(job.spec).toMatchObject({
      schedule: '30 2 * * *',
      timezone: 'Europe/Dublin',
      concurrency_policy: 'Forbid',
      successful_jobs_history_limit: 3,
      failed_jobs_history_limit: 5,
      job_template: { spec: { backoff_limit: 2, active_deadline_seconds: 5400 } },
    });
    const pod = job.spec.job_template.spec.template.spec;
    expect(pod).toMatchObject({ restart_policy: 'Never', security_context: { run_as_non_root: true } });
    expect(pod.container[0].resources).toEqual({ requests: { cpu: '500m', memory: '1Gi' }, limits: { cpu: '1000m', memory: '1Gi' } });
  });

  test('an alarm on failed runs, from a metric filter on its log group', () => {
    const filter = resourcesOfType(stacks['production-aws'], 'aws_cloudwatch_log_metric_filter')[0];
    expect(filter).toMatchObject({ name: 'ledger-reconciliation-production-job-failures', log_group_name: expect.stringContaining('aws_cloudwatch_log_group.') });
    expect(named('production-aws', 'aws_cloudwatch_metric_alarm', 'ledger-reconciliation-production-job-failures')).toMatchObject({ metric_name: 'JobFailures', namespace: 'Groundwork/ledger-reconciliation', threshold: 1 });
  });
});

describe('StaticSite', () => {
  test('CloudFront with origin access control, HTTPS only with TLS 1.2 on the custom domain, access logs', () => {
    const distribution = byPath(stacks['production-aws'], 'help-center/site/distribution');
    expect(distribution).toMatchObject({
      aliases: ['help.acme.example'],
      viewer_certificate: { ssl_support_method: 'sni-only', minimum_protocol_version: 'TLSv1.2_2021' },
      default_cache_behavior: { viewer_protocol_policy: 'redirect-to-https' },
      logging_config: { bucket: 'acme-help-center-production-access-logs.s3.amazonaws.com', include_cookies: false },
    });
    expect(distribution.origin[0].origin_access_control_id).toMatch(/^\$\{aws_cloudfront_origin_access_control\./);
    expect(byPath(stacks['staging-aws'], 'help-center/site/distribution').viewer_certificate).toEqual({ cloudfront_default_certificate: true });
  });

  test('the site bucket is readable only by its distribution, over TLS', () => {
    const policy = byPath(stacks['production-aws'], 'help-center/site/site/policy').policy as string;
    expect(policy).toContain('"Principal" = {"Service" = "cloudfront.amazonaws.com"}');
    expect(policy).toContain('"AWS:SourceArn" = aws_cloudfront_distribution.');
    expect(policy).toContain('"aws:SecureTransport" = "false"');
  });
});

describe('observability on every golden path', () => {
  test('a log group with retention and a dashboard per service and environment', () => {
    for (const service of ['checkout', 'order-events', 'ledger-reconciliation', 'help-center']) {
      expect(byPath(stacks['production-aws'], `${service}/observability/logs`)).toMatchObject({ name: `/groundwork/production/${service}`, retention_in_days: 90 });
      expect(byPath(stacks['production-aws'], `${service}/observability/dashboard`).dashboard_name).toBe(`${service}-production`);
    }
    expect(byPath(stacks['staging-aws'], 'checkout/observability/logs').retention_in_days).toBe(30);
  });

  test('database alarms: CPU, free storage (10% of allocated), connections (80% of max_connections)', () => {
    expect(named('production-aws', 'aws_cloudwatch_metric_alarm', 'checkout-production-free-storage')).toMatchObject({ metric_name: 'FreeStorageSpace', threshold: 10737418240, comparison_operator: 'LessThanThreshold' });
    // db.t3.large: 8 GiB / 9531392 bytes per connection = 901; 80% = 720.
    expect(named('production-aws', 'aws_cloudwatch_metric_alarm', 'checkout-production-connections').threshold).toBe(720);
    expect(named('production-aws', 'aws_cloudwatch_metric_alarm', 'checkout-production-cpu').threshold).toBe(80);
  });

  test('dashboards chart what the alarms watch', () => {
    const body = JSON.parse(byPath(stacks['production-aws'], 'checkout/observability/dashboard').dashboard_body);
    expect(body.widgets.map((w: Json) => w.properties.title)).toEqual([
      'Database checkout-production: CPU %',
      'Database checkout-production: connections and free storage',
      'Queue checkout-production: depth and dead letters',
      'Queue checkout-production: oldest message (s)',
    ]);
  });

  test("one alert topic per team and environment, encrypted with a key CloudWatch may use", () => {
    const topics = resourcesOfType(stacks['production-aws'], 'aws_sns_topic').map((t) => t.name).sort();
    expect(topics).toEqual(['acme-data-alerts-production', 'acme-payments-alerts-production', 'acme-storefront-alerts-production']);
    const key = byPath(stacks['production-aws'], 'alerts-payments/key');
    expect(key.enable_key_rotation).toBe(true);
    expect(key.policy).toContain('"Service" = "cloudwatch.amazonaws.com"');
  });
});
