import { buildPrReport } from '../catalog/pr-report/build-report';
import { readSynthesizedOutput } from '../catalog/pr-report/output-folder';
import type { HttpServiceProps } from '../golden-paths/http-service';
import { CURRENT_TLS_POLICY, tlsPolicyProblem } from '../model/tls-policies';
import { oneService } from './helpers/org';
import * as path from 'path';
import { writeAnalysis } from '../catalog/analyse';
import { synthesizeAtomically } from '../synth/synthesize';
import { cleanUp, tempDir } from './helpers/synth';

afterAll(cleanUp);

describe('the TLS policy allow-list', () => {
  test.each([
    'ELBSecurityPolicy-TLS13-1-2-2021-06',
    'ELBSecurityPolicy-TLS13-1-2-Res-2021-06',
    'ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06',
    'ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06',
    'ELBSecurityPolicy-TLS13-1-3-2021-06',
    'ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04',
    'ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04',
    'ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04',
    'ELBSecurityPolicy-TLS13-1-2-PQ-2025-09',
    'ELBSecurityPolicy-TLS13-1-3-PQ-2025-09',
    'ELBSecurityPolicy-TLS13-1-3-FIPS-PQ-2025-09',
  ])('%s is current', (policy) => {
    expect(CURRENT_TLS_POLICY.test(policy)).toBe(true);
    expect(tlsPolicyProblem(policy)).toBeUndefined();
  });

  test.each([
    ['ELBSecurityPolicy-TLS13-1-0-2021-06', 'is not one of the ELBSecurityPolicy-TLS13-1-2-* or -TLS13-1-3-* families'],
    ['ELBSecurityPolicy-TLS13-1-1-2021-06', 'is not one of'],
    ['ELBSecurityPolicy-2016-08', 'is not one of'],
    ['ELBSecurityPolicy-TLS-1-2-2017-01', 'is not one of'],
    ['ELBSecurityPolicy-FS-1-2-Res-2020-10', 'is not one of'],
    ['ELBSecurityPolicy-TLS13-1-2-2021-06 ', 'is not one of'],
    [undefined, 'has no TLS policy, so AWS applies ELBSecurityPolicy-2016-08 (TLS 1.0)'],
    ['', 'has no TLS policy'],
    ['${var.policy}', 'is not one of'],
  ])('%j fails', (policy, problem) => {
    expect(tlsPolicyProblem(policy)).toContain(problem);
  });
});

describe('the PR report names exposure widened and WAF removed as danger', () => {
  /** A complete output folder (stacks and catalog), as synth writes it. */
  const written = (build: Parameters<typeof synthesizeAtomically>[0], label: string) => {
    const outdir = path.join(tempDir(), 'cdktf.out');
    synthesizeAtomically(build, outdir, (staging) => writeAnalysis(staging));
    return readSynthesizedOutput(outdir, label);
  };
  const output = (props: Partial<HttpServiceProps>, label: string) => written((app) => oneService(app, { environments: ['staging'], ...props }), label);
  const dangerOf = (base: Partial<HttpServiceProps>, head: Partial<HttpServiceProps>) => buildPrReport(output(base, 'base'), output(head, 'head')).danger.map((d) => `${d.stack} ${d.address.split('.')[0]} ${d.service}: ${d.reason}`);

  test("cluster -> public: a new internet-facing load balancer for a service that had none", () => {
    expect(dangerOf({}, { expose: 'public' })).toEqual(['staging-aws aws_lb svc: exposure widened: service svc was reachable only inside the cluster or the VPC and gets an internet-facing load balancer']);
  });

  test('internal -> public: the load balancer turns internet-facing (and nothing else is danger)', () => {
    expect(dangerOf({ expose: 'internal' }, { expose: 'public' })).toEqual(['staging-aws aws_lb svc: exposure widened: the load balancer turns internet-facing (internal true → false), so the service is reachable from the internet']);
  });

  test('public -> internal: WAF removed, no exposure widened', () => {
    expect(dangerOf({ expose: 'public' }, { expose: 'internal' })).toEqual([
      'staging-aws aws_wafv2_web_acl svc: WAF removed: the web ACL is deleted, so requests reach the load balancer unfiltered',
      'staging-aws aws_wafv2_web_acl_association svc: WAF removed: the web ACL association is deleted, so requests reach the load balancer unfiltered',
    ]);
  });

  test('no change in exposure, no danger; a brand-new public service is not a widening', () => {
    expect(dangerOf({ expose: 'public' }, { expose: 'public', slo: { availability: 99.5 } })).toEqual([]);
    const empty = written((app) => oneService(app, { environments: ['staging'] }, 'other'), 'base');
    // (Only the other service's log group, deleted, is danger there.)
    expect(buildPrReport(empty, output({ expose: 'public' }, 'head')).danger.filter((d) => d.service === 'svc')).toEqual([]);
  });
});
