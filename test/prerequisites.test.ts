/**
 * A test whose prerequisite is missing is skipped, never passed, and fails under CI=true. Shown
 * on jest itself: a tiny suite gated by each real prerequisite helper runs in a child jest with
 * every prerequisite pointed at nothing, and jest's own JSON report is read.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { repo } from './helpers/project';
import { cleanUp, tempDir } from './helpers/synth';

afterAll(cleanUp);

const helper = (name: string) => JSON.stringify(path.join(repo, 'test/helpers', name));
const SUITE = `
import { withTerraform } from ${helper('terraform')};
import { withChromium } from ${helper('browser')};
import { withSharedData } from ${helper('shared-data')};
withTerraform.test('needs terraform', () => { throw new Error('ran without terraform'); });
withChromium.test('needs chromium', () => { throw new Error('ran without chromium'); });
withSharedData('focus-1.0-sample.csv').describe('needs the shared data', () => {
  test('reads a sample', () => { throw new Error('ran without the shared data'); });
});
`;

interface JestReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  success: boolean;
  testResults: { assertionResults: { title: string; status: string; failureMessages: string[] }[] }[];
}

/** Runs the suite in a child jest with nothing where the prerequisites should be. */
function runSuite(ci: boolean, absent = ''): { report: JestReport; stderr: string } {
  const dir = tempDir('groundwork-prerequisites-');
  fs.writeFileSync(path.join(dir, 'gated.test.ts'), SUITE);
  const config = {
    rootDir: dir,
    testEnvironment: 'node',
    testMatch: ['<rootDir>/gated.test.ts'],
    transform: { '^.+\\.ts$': [require.resolve('@swc/jest'), { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }] },
  };
  const out = path.join(dir, 'report.json');
  const nothing = path.join(dir, 'nothing-here');
  const result = spawnSync(process.execPath, [require.resolve('jest/bin/jest'), '--config', JSON.stringify(config), '--json', '--outputFile', out], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, CI: ci ? 'true' : '', GROUNDWORK_TF_MIRROR: nothing, GROUNDWORK_CHROMIUM: nothing, GROUNDWORK_SHARED_DATA: nothing, GROUNDWORK_ABSENT_PREREQUISITES: absent },
  });
  return { report: JSON.parse(fs.readFileSync(out, 'utf8')), stderr: result.stderr };
}

test('outside CI: every gated test is reported as skipped, none as passed, with one loud warning each', () => {
  const { report, stderr } = runSuite(false);
  expect({ passed: report.numPassedTests, failed: report.numFailedTests, skipped: report.numPendingTests, success: report.success }).toEqual({ passed: 0, failed: 0, skipped: 3, success: true });
  expect(stderr).toContain('!! SKIPPED: the tests that need terraform and the hashicorp/aws provider mirror.');
  expect(stderr).toContain('holds no registry.terraform.io/hashicorp/aws; install terraform 1.11 and point GROUNDWORK_TF_MIRROR at a filesystem mirror of hashicorp/aws 5.100.0 (README, Quick start).');
  expect(stderr).toContain("!! SKIPPED: the tests that need Chromium.\n!! no Chromium at ");
  expect(stderr).toContain('!! SKIPPED: the tests that need the shared sample data (focus-1.0-sample.csv).');
});

test('under CI=true: every gated test fails, saying what is missing', () => {
  const { report } = runSuite(true);
  expect({ passed: report.numPassedTests, failed: report.numFailedTests, skipped: report.numPendingTests, success: report.success }).toEqual({ passed: 0, failed: 3, skipped: 0, success: false });
  const failures = report.testResults[0].assertionResults.map((a) => [a.title, a.failureMessages.join('').split('\n')[0]]);
  expect(failures).toEqual([
    ['needs terraform', expect.stringMatching(/^Error: terraform and the hashicorp\/aws provider mirror is missing: GROUNDWORK_TF_MIRROR=.*nothing-here holds no registry\.terraform\.io\/hashicorp\/aws; .*\(CI=true: a missing prerequisite fails the run\)$/)],
    ['needs chromium', expect.stringMatching(/^Error: Chromium is missing: no Chromium at .*nothing-here; install Debian's \(apt-get install -y chromium/)],
    ['needs the shared sample data (focus-1.0-sample.csv)', expect.stringMatching(/^Error: the shared sample data \(focus-1\.0-sample\.csv\) is missing: .*nothing-here\/focus-1\.0-sample\.csv is not there; put the project's shared\/ folder beside the repository or set GROUNDWORK_SHARED_DATA\./)],
  ]);
});

test('under CI=true, a prerequisite the workflow declares absent is skipped loudly; the others still fail', () => {
  const { report, stderr } = runSuite(true, 'shared-data, checkov-tests');
  expect({ passed: report.numPassedTests, failed: report.numFailedTests, skipped: report.numPendingTests, success: report.success }).toEqual({ passed: 0, failed: 2, skipped: 1, success: false });
  expect(stderr).toContain('!! SKIPPED: the tests that need the shared sample data (focus-1.0-sample.csv).');
  expect(report.testResults[0].assertionResults.filter((a) => a.status === 'failed').map((a) => a.title)).toEqual(['needs terraform', 'needs chromium']);
});
