/**
 * The pull-request workflow as GitHub runs it, read from its YAML: the check job has what the
 * tests need under CI=true (or declares, in the file, what its runner cannot have), and a head
 * that fails its guardrails still gets its comment before the workflow goes red.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as yaml from 'js-yaml';
import { repo } from './helpers/project';

interface Step { readonly name?: string; readonly uses?: string; readonly run?: string; readonly if?: string; readonly env?: Record<string, string> }
interface Job { readonly needs?: string | string[]; readonly if?: string; readonly env?: Record<string, string>; readonly steps: Step[] }

const workflow = yaml.load(fs.readFileSync(path.join(repo, '.github/workflows/pull-request.yml'), 'utf8')) as { jobs: Record<string, Job> };
const { check, report, comment } = workflow.jobs;
const stepRunning = (job: Job, command: RegExp) => job.steps.find((s) => s.run && command.test(s.run));

test('the check job gives npm test terraform, a provider mirror and a browser, and declares only the shared data absent', () => {
  expect(check.steps.some((s) => s.uses?.startsWith('hashicorp/setup-terraform@'))).toBe(true);
  const mirror = stepRunning(check, /providers mirror/)!;
  expect(mirror.run).toContain('"version":"5.100.0"');
  expect(mirror.run).toContain('GROUNDWORK_TF_MIRROR=');
  expect(check.steps.indexOf(mirror)).toBeLessThan(check.steps.indexOf(stepRunning(check, /^npm test$/)!));
  expect(check.env).toMatchObject({ GROUNDWORK_CHROMIUM: expect.any(String), GROUNDWORK_ABSENT_PREREQUISITES: 'shared-data,checkov-tests' });
});

test('guardrail errors: both synths report instead of failing, the report is uploaded and commented, and the report step fails the job', () => {
  for (const name of ['Synthesize the head', 'Synthesize the base']) expect(report.steps.find((s) => s.name === name)?.env).toEqual({ GROUNDWORK_GUARDRAIL_ERRORS: 'report' });
  const prReport = report.steps.find((s) => s.name === 'PR report')!;
  expect(prReport.if).toBeUndefined();
  const upload = report.steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'))!;
  expect(report.steps.indexOf(upload)).toBeGreaterThan(report.steps.indexOf(prReport));
  expect(upload.if).toBe('${{ !cancelled() }}');
  expect(comment.needs).toBe('report');
  expect(comment.if).toBe('${{ !cancelled() }}');
});
