import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import type { PrReport } from '../catalog/pr-report/report-model';
import { cleanClone, repo } from './helpers/project';
import { cleanUp } from './helpers/synth';

afterAll(cleanUp);

/** `npm run review` as a person runs it, in a clean clone whose checkout service gains an SSH rule open to the world. */
const review = (cwd: string) => spawnSync('node', [path.join(repo, 'dist/scripts/review.js'), '--base', 'HEAD'], { cwd, encoding: 'utf8' });
const readReport = (clone: string): PrReport => JSON.parse(fs.readFileSync(path.join(clone, 'pr-report', 'pr-report.json'), 'utf8'));

function addOpenSsh(clone: string, suppressed: boolean): void {
  const file = path.join(clone, 'stacks/services/checkout.ts');
  const text = fs.readFileSync(file, 'utf8');
  const changed = text
    .replace(
      "import type { Organisation } from '../../golden-paths/organisation';\n",
      "import type { Organisation } from '../../golden-paths/organisation';\nimport { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';\nimport { suppress } from '../../constructs/suppress';\n",
    )
    .replace('  return new HttpService(org, ', '  const service = new HttpService(org, ')
    .replace(
      '    queue: true,\n  });\n}',
      [
        '    queue: true,',
        '  });',
        '  const group = service.environments.production.securityGroup;',
        "  const ssh = new VpcSecurityGroupIngressRule(group, 'vendor-ssh', { securityGroupId: group.id, ipProtocol: 'tcp', fromPort: 22, toPort: 22, cidrIpv4: '0.0.0.0/0', description: 'Vendor SSH' });",
        ...(suppressed ? ["  suppress(ssh, 'aws/no-open-ingress', 'The vendor needs SSH during the migration window');"] : ['  void ssh;']),
        '  return service;',
        '}',
      ].join('\n'),
    );
  expect(changed).not.toBe(text);
  fs.writeFileSync(file, changed);
}

describe('npm run review on a change that opens SSH to the world', () => {
  test('suppressed: the suppression is named outside any <details>, with its rule, resource, reason and file:line', () => {
    const clone = cleanClone();
    addOpenSsh(clone, true);
    const result = review(clone);
    expect({ status: result.status, stderr: result.stderr.split('\n').filter((l) => l && !/^(Synthesizing|Report:)/.test(l)) }).toEqual({ status: 0, stderr: [] });
    const top = result.stdout.slice(0, result.stdout.indexOf('<details>'));
    if (process.env.GROUNDWORK_SHOW_REVIEW) fs.writeFileSync(process.env.GROUNDWORK_SHOW_REVIEW, result.stdout);
    expect(top).toMatch(/### 🔕 Suppressions: 1 guardrail exception added or changed\n\n- added \*\*aws/);
    const line = top.split('\n').find((l) => l.startsWith('- added **aws/no-open-ingress**'))!;
    expect(line).toContain('production-aws aws\\_vpc\\_security\\_group\\_ingress\\_rule.checkout\\_');
    expect(line).toContain('“The vendor needs SSH during the migration window”; no expiry; stacks/services/checkout.ts:');
    expect(top.indexOf('Suppressions:')).toBeLessThan(top.indexOf('| resources |'));
    const report = readReport(clone);
    expect(report.suppressions).toEqual([
      expect.objectContaining({ change: 'added', rule: 'aws/no-open-ingress', reason: 'The vendor needs SSH during the migration window', location: expect.stringMatching(/^stacks\/services\/checkout\.ts:\d+$/), resources: [expect.stringMatching(/^production-aws aws_vpc_security_group_ingress_rule\.checkout_/)] }),
    ]);
    const at = Number(report.suppressions[0].location!.split(':')[1]);
    expect(fs.readFileSync(path.join(clone, 'stacks/services/checkout.ts'), 'utf8').split('\n')[at - 1]).toContain("suppress(ssh, 'aws/no-open-ingress'");
    expect(report.summary).toMatchObject({ guardrailErrors: 0, suppressionsChanged: 1 });
  });

  test('not suppressed: the report is written with the error first, and review exits 1 naming the rule, resource and message', () => {
    const clone = cleanClone();
    addOpenSsh(clone, false);
    const result = review(clone);
    expect(result.status).toBe(1);
    expect(result.stderr).not.toContain('There are some problems with the CLI configuration');
    expect(result.stderr).toMatch(/The head fails 1 guardrail: fix it or suppress it with a reason \(the report lists it first\):\n {2}- aws\/no-open-ingress: production-aws aws_vpc_security_group_ingress_rule\.checkout_[\w-]+: .*0\.0\.0\.0\/0.*\n$/);
    expect(result.stderr).not.toContain('Nothing was written');
    const markdown = fs.readFileSync(path.join(clone, 'pr-report', 'pr-report.md'), 'utf8');
    expect(result.stdout).toBe(markdown);
    const errors = markdown.indexOf('### ⛔ Guardrails: 1 error: synth fails until it is fixed or suppressed');
    expect(errors).toBeGreaterThan(0);
    expect(errors).toBeLessThan(markdown.indexOf('| resources |'));
    expect(markdown).toMatch(/- \*\*aws/);
    const report = readReport(clone);
    expect(report.guardrailErrors).toEqual([expect.objectContaining({ rule: 'aws/no-open-ingress', stack: 'production-aws', service: 'checkout' })]);
    expect(report.findings.new.map((f) => f.rule)).toEqual(['aws/no-open-ingress']);
    expect(report.resources.filter((r) => r.change === 'added').map((r) => r.address)).toEqual([expect.stringMatching(/^aws_vpc_security_group_ingress_rule\.checkout_/)]);
    // The pipeline's npm run pr-report does the same: the whole report, then exit 1 naming the error.
    const head = path.join(clone, 'cdktf.out');
    const out = path.join(clone, 'pr-report-pipeline');
    const pipeline = spawnSync('node', [path.join(repo, 'dist/scripts/pr-report.js'), '--base', head, '--head', head, '--out', out], { cwd: clone, encoding: 'utf8' });
    expect(pipeline.status).toBe(1);
    expect(pipeline.stderr).toMatch(/^The head fails 1 guardrail: fix it or suppress it with a reason \(the report lists it first\):\n {2}- aws\/no-open-ingress: production-aws /);
    expect(fs.readFileSync(path.join(out, 'pr-report.md'), 'utf8')).toContain('### ⛔ Guardrails: 1 error');
  });
});
