import { App } from 'cdktf';
import { analyse } from '../catalog/analyse';
import { backstageFiles } from '../catalog/service-catalog/backstage';
import { HttpService, HttpServiceProps } from '../golden-paths/http-service';
import { Organisation } from '../golden-paths/organisation';
import { ScheduledJob } from '../golden-paths/scheduled-job';
import { Worker } from '../golden-paths/worker';
import { settingsWith } from './helpers/org';
import { cleanUp, errorOf, Json, resourcesOfType, synth, SynthesizedStack, tempDir } from './helpers/synth';

afterAll(cleanUp);

const http = (org: Organisation, name: string, props: Partial<HttpServiceProps> = {}) => new HttpService(org, name, { owner: 'payments', description: 'x', version: '1.0.0', ...props });
const stack = (stacks: SynthesizedStack[], name: string): Json => stacks.find((s) => s.name === name)!.json;
const named = (json: Json, type: string, name: string) => resourcesOfType(json, type).filter((r) => r.metadata?.name === name);

describe("calls: ['ledger']: allowed at both ends, and nothing else", () => {
  // The caller comes before its callee, and the worker after: the order services are defined in does not matter.
  const { outdir, stacks } = synth((app) => {
    const org = new Organisation(app, settingsWith(), 'test settings');
    http(org, 'checkout', { calls: ['ledger'], expose: 'public' });
    http(org, 'ledger', { port: 9000 });
    new Worker(org, 'settle', { owner: 'payments', description: 'x', version: '1.0.0', calls: ['ledger', 'checkout'] });
    http(org, 'lonely');
  });
  const aws = stack(stacks, 'staging-aws');
  const k8s = stack(stacks, 'staging-kubernetes');

  test("the caller's security group may connect to the callee's on its port; the callee's admits it there", () => {
    const egress = resourcesOfType(aws, 'aws_vpc_security_group_egress_rule').filter((r) => r.description?.startsWith('Calls '));
    expect(egress.map((r) => [r.tags.service, r.description, r.from_port, r.to_port, r.ip_protocol, r.referenced_security_group_id.split('.')[1].split('_')[0]]).sort()).toEqual([
      ['checkout', 'Calls ledger', 9000, 9000, 'tcp', 'ledger'],
      ['settle', 'Calls checkout', 8080, 8080, 'tcp', 'checkout'],
      ['settle', 'Calls ledger', 9000, 9000, 'tcp', 'ledger'],
    ]);
    const ingress = resourcesOfType(aws, 'aws_vpc_security_group_ingress_rule').filter((r) => r.description?.startsWith('Called by '));
    expect(ingress.map((r) => [r.tags.service, r.description, r.from_port, r.referenced_security_group_id.split('.')[1].split('_')[0]]).sort()).toEqual([
      ['checkout', 'Called by settle', 8080, 'settle'],
      ['ledger', 'Called by checkout', 9000, 'checkout'],
      ['ledger', 'Called by settle', 9000, 'settle'],
    ]);
  });

  test("NetworkPolicies: the caller's pods out to the callee's pods, the callee's pods in from the caller's, on the callee's port only", () => {
    const out = named(k8s, 'kubernetes_network_policy_v1', 'calls-ledger').find((p) => p.metadata.namespace === 'checkout')!;
    expect(out.spec).toEqual({
      pod_selector: { match_labels: { 'app.kubernetes.io/component': 'api', 'app.kubernetes.io/name': 'checkout' } },
      policy_types: ['Egress'],
      egress: [{ to: [{ namespace_selector: { match_labels: { 'kubernetes.io/metadata.name': 'ledger' } }, pod_selector: { match_labels: { 'app.kubernetes.io/component': 'api', 'app.kubernetes.io/name': 'ledger' } } }], ports: [{ port: '9000', protocol: 'TCP' }] }],
    });
    const inn = named(k8s, 'kubernetes_network_policy_v1', 'called-by-checkout')[0];
    expect(inn.metadata.namespace).toBe('ledger');
    expect(inn.spec.ingress[0].from[0].namespace_selector.match_labels['kubernetes.io/metadata.name']).toBe('checkout');
    expect(inn.spec.ingress[0].ports).toEqual([{ port: '9000', protocol: 'TCP' }]);
    expect(named(k8s, 'kubernetes_network_policy_v1', 'called-by-settle').map((p) => p.metadata.namespace).sort()).toEqual(['checkout', 'ledger']);
  });

  test('a service no one calls admits no pod of the cluster (it had every namespace before); a public one admits its load balancer', () => {
    const policy = (ns: string) => resourcesOfType(k8s, 'kubernetes_network_policy_v1').find((p) => p.metadata.name === 'allow-golden-path' && p.metadata.namespace === ns)!;
    expect(policy('lonely').spec.ingress).toBeUndefined();
    expect(policy('lonely').spec.policy_types).toEqual(['Egress']);
    expect(policy('ledger').spec.ingress).toBeUndefined();
    expect(policy('checkout').spec.ingress).toEqual([{ from: [{ ip_block: { cidr: '10.10.0.0/16' } }], ports: [{ port: '8080', protocol: 'TCP' }] }]);
    expect(resourcesOfType(k8s, 'kubernetes_network_policy_v1').filter((p) => JSON.stringify(p.spec).includes('"namespace_selector":{}'))).toEqual([]);
  });

  test("the caller's pods find each callee at SERVICE_<NAME>_URL", () => {
    const env = (name: string) => resourcesOfType(k8s, 'kubernetes_deployment_v1').find((d) => d.metadata.name === name)!.spec.template.spec.container[0].env;
    const urls = (name: string) => env(name).filter((e: Json) => /^SERVICE_.*_URL$/.test(e.name));
    expect(urls('settle').sort((a: Json, b: Json) => a.name.localeCompare(b.name))).toEqual([
      { name: 'SERVICE_CHECKOUT_URL', value: 'http://checkout.checkout.svc.cluster.local' },
      { name: 'SERVICE_LEDGER_URL', value: 'http://ledger.ledger.svc.cluster.local' },
    ]);
    expect(urls('ledger')).toEqual([]);
  });

  test('the catalog and Backstage show the dependency', () => {
    const { catalog } = analyse(outdir);
    const checkout = catalog.entities.find((e) => e.id === 'service:checkout')!;
    expect(checkout.relations).toContainEqual({ type: 'dependsOn', target: 'service:ledger' });
    expect(catalog.entities.find((e) => e.id === 'service:ledger')!.relations).toContainEqual({ type: 'dependencyOf', target: 'service:checkout' });
    const yaml = [...backstageFiles(catalog).values()].map((parts) => [...parts].join('')).join('\n');
    const component = yaml.split('---').find((doc) => /kind: Component[\s\S]*name: checkout\n/.test(doc))!;
    expect(component).toMatch(/dependsOn:\n(\s+- .*\n)*\s+- component:default\/ledger\n/);
  });
});

describe('bad calls are one sentence each', () => {
  const run = (build: (org: Organisation) => void) => () => {
    const app = new App({ outdir: tempDir() });
    build(new Organisation(app, settingsWith(), 'test settings'));
    app.synth();
  };

  test('a service calling itself', () => {
    expect(errorOf(run((org) => http(org, 'ledger', { calls: ['ledger'] })))).toBe('Service "ledger": prop calls names the service itself; a service reaches its own pods without a call (remove "ledger").');
  });

  test('an unknown callee, found once every service is built', () => {
    expect(errorOf(run((org) => { http(org, 'checkout', { calls: ['ledgr'] }); http(org, 'ledger'); }))).toBe('Service "checkout": prop calls names "ledgr", which is not a service of the organisation (services: checkout, ledger).');
  });

  test('a callee in other environments only', () => {
    expect(errorOf(run((org) => { http(org, 'ledger', { environments: ['staging'] }); http(org, 'checkout', { calls: ['ledger'] }); }))).toBe(
      'Service "checkout": prop calls names "ledger", which does not run in production (it runs in staging); a call stays in its environment, so run both in the same ones.',
    );
  });

  test('a worker as callee, a scheduled job as caller', () => {
    expect(errorOf(run((org) => { new Worker(org, 'settle', { owner: 'payments', description: 'x' }); http(org, 'checkout', { calls: ['settle'] }); }))).toBe('Service "checkout": prop calls names "settle", a worker, which takes no calls (only an http-service does).');
    expect(errorOf(run((org) => new ScheduledJob(org, 'nightly', { owner: 'payments', description: 'x', schedule: '0 3 * * *', calls: ['ledger'] } as any)))).toBe('Service "nightly" (scheduled-job): prop calls is not an option of a scheduled-job; only an http-service or a worker calls other services.');
  });

  test.each([
    [['<script>alert(1)</script>'], 'which is not valid'],
    [['Ledger'], 'which is not valid'],
    [['ledger', 'ledger'], 'has "ledger" twice'],
    [Array.from({ length: 51 }, (_, i) => `s${i}`), 'has 51 entries, more than the 50 allowed'],
    ['ledger', 'must be a list of names, not a string'],
  ])('calls %j', (calls, message) => {
    expect(errorOf(run((org) => http(org, 'checkout', { calls: calls as any })))).toContain(message);
  });
});
