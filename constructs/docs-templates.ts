/**
 * The vetted documentation skeleton of a golden-path repository (docs/index.md, docs/runbook.md,
 * the first ADR and mkdocs.yml for Backstage TechDocs), as pure functions of what the platform
 * knows about the service. Every value from a service definition or the settings is escaped for
 * where it lands: Markdown text, a Markdown link target, or a YAML scalar (JSON strings are YAML).
 * The caller passes the result through terraformLiteral, so no `${` or `%{` reaches Terraform.
 */
import { GroundworkError } from '../model/errors';
import { markdownText as md } from '../model/markdown-text';

export const DOCS_FILES = {
  index: 'docs/index.md',
  runbook: 'docs/runbook.md',
  adr: 'docs/adr/0001-record-architecture-decisions.md',
  mkdocs: 'mkdocs.yml',
} as const;

export interface DocsEnvironment {
  readonly name: string;
  readonly production: boolean;
  readonly dashboardUrl: string;
  readonly alarmsUrl: string;
  readonly logsUrl: string;
  readonly logGroupName: string;
  /** Alarm names known at synth (names that are references are left to the alarms link). */
  readonly alarmNames: readonly string[];
}

export interface DocsFacts {
  readonly service: string;
  readonly description: string;
  readonly goldenPath: string;
  readonly lifecycle: string;
  readonly tier: number;
  readonly repositoryUrl: string;
  readonly githubOwner: string;
  readonly team: { readonly name: string; readonly displayName: string; readonly email?: string; readonly slackChannel?: string };
  readonly environments: readonly DocsEnvironment[];
  /** The platform's operations workflow (restart, roll back, scale). */
  readonly operationsUrl: string;
  /** Whether the service runs a long-running workload (restart, scale) or not (static site, job). */
  readonly workload: 'deployment' | 'cronjob' | 'none';
}

/** A Markdown link whose target is a URL the platform built; refused rather than escaped when odd. */
function link(text: string, url: string): string {
  if (!/^https?:\/\/[^\s<>]+$/.test(url)) throw new GroundworkError(`The docs skeleton cannot link "${url}": a link must be an http(s) URL without spaces or angle brackets.`);
  return `[${md(text)}](<${url}>)`;
}

const yamlString = (value: string) => JSON.stringify(value.replace(/[\r\n\u2028\u2029]+/g, ' '));

export function docsIndex(f: DocsFacts): string {
  return [
    `# ${md(f.service)}`,
    '',
    md(f.description),
    '',
    '| | |',
    '| --- | --- |',
    `| Owner | ${md(f.team.displayName)} (@${md(`${f.githubOwner}/${f.team.name}`)}) |`,
    `| Golden path | ${md(f.goldenPath)} |`,
    `| Lifecycle | ${md(f.lifecycle)} |`,
    `| Tier | ${f.tier} |`,
    `| Environments | ${f.environments.map((e) => md(e.name)).join(', ')} |`,
    `| Repository | ${link(f.repositoryUrl, f.repositoryUrl)} |`,
    '',
    '## Pages',
    '',
    '- [Runbook](runbook.md): alarms, dashboards, logs, operations',
    '- [Architecture decisions](adr/0001-record-architecture-decisions.md)',
    '',
    '<!-- Managed by Groundwork from the service definition; add your own pages beside these. -->',
    '',
  ].join('\n');
}

export function docsRunbook(f: DocsFacts): string {
  const contacts = [
    `- Team: ${md(f.team.displayName)} (@${md(`${f.githubOwner}/${f.team.name}`)})`,
    ...(f.team.slackChannel ? [`- Slack: ${md(f.team.slackChannel)}`] : []),
    ...(f.team.email ? [`- E-mail: ${md(f.team.email)}`] : []),
  ];
  const environments = f.environments.flatMap((e) => [
    `### ${md(e.name)}${e.production && e.name !== 'production' ? ' (production)' : ''}`,
    '',
    `- Dashboard: ${link(`${f.service}-${e.name}`, e.dashboardUrl)}`,
    `- Alarms: ${link('open alarms', e.alarmsUrl)}`,
    ...e.alarmNames.map((a) => `  - ${md(a)}`),
    `- Logs: ${link(e.logGroupName, e.logsUrl)}`,
    '',
  ]);
  const operations =
    f.workload === 'none'
      ? ['This service runs no long-running workload: there is nothing to restart or scale. Changes go through a pull request to its definition.']
      : [
          `Run from the platform's ${link('operations workflow', f.operationsUrl)} (GitHub Actions, "Run workflow"); production waits for its environment's reviewers, and every run records who, what and when in its summary:`,
          '',
          ...(f.workload === 'deployment' ? ['- **restart**: a rolling restart of the Deployment', '- **scale**: set the minimum replicas now (the autoscaler keeps its maximum)'] : []),
          '- **rollback**: back to the previous image version',
          '',
          'A change that must outlast the next deploy goes through code (a pull request on the platform repository):',
          '',
          '```sh',
          ...(f.workload === 'deployment' ? [`npm run ops -- scale ${f.service} --replicas 4 --env ${(f.environments.find((e) => e.production) ?? f.environments[0]).name}`] : []),
          `npm run ops -- rollback ${f.service}`,
          '```',
        ];
  return [
    `# Runbook: ${md(f.service)}`,
    '',
    md(f.description),
    '',
    '## Contacts',
    '',
    ...contacts,
    '',
    '## Environments',
    '',
    ...environments,
    '## Operations',
    '',
    ...operations,
    '',
    '## When an alarm fires',
    '',
    '1. Open the environment\'s dashboard above and the alarm\'s history.',
    '2. Read the logs around the alarm\'s start.',
    '3. If a deploy preceded it, roll back first and investigate after.',
    '4. Write down what happened and what you did in the team channel.',
    '',
    '<!-- Managed by Groundwork from the catalog; edit the service definition, not this file. -->',
    '',
  ].join('\n');
}

/** Michael Nygard's first ADR, as adr-tools writes it. */
export function docsFirstAdr(): string {
  return [
    '# 1. Record architecture decisions',
    '',
    '## Status',
    '',
    'Accepted',
    '',
    '## Context',
    '',
    'We need to record the architectural decisions made on this project.',
    '',
    '## Decision',
    '',
    'We will use Architecture Decision Records, as described by Michael Nygard',
    '(http://thinkrelevance.com/blog/2011/11/15/documenting-architecture-decisions), one file per',
    'decision in docs/adr/, numbered in order.',
    '',
    '## Consequences',
    '',
    'Decisions and their reasons are kept beside the code and reviewed like it.',
    '',
  ].join('\n');
}

/** mkdocs.yml as Backstage TechDocs builds it (techdocs-core). */
export function docsMkdocs(f: DocsFacts): string {
  return [
    '# Managed by Groundwork: Backstage TechDocs builds docs/ with this file.',
    `site_name: ${yamlString(f.service)}`,
    `site_description: ${yamlString(f.description)}`,
    `repo_url: ${yamlString(f.repositoryUrl)}`,
    'docs_dir: docs',
    'nav:',
    '  - Home: index.md',
    '  - Runbook: runbook.md',
    '  - Architecture decisions:',
    '      - "1. Record architecture decisions": adr/0001-record-architecture-decisions.md',
    'plugins:',
    '  - techdocs-core',
    '',
  ].join('\n');
}
