import { GroundworkError } from '../model/errors';

/** Package ecosystems a golden-path repository may ask Dependabot to watch (its names in dependabot.yml). */
export const DEPENDABOT_ECOSYSTEMS = ['github-actions', 'docker', 'npm', 'pip', 'gomod', 'maven', 'gradle', 'cargo', 'bundler', 'nuget', 'composer'] as const;
export type DependabotEcosystem = (typeof DEPENDABOT_ECOSYSTEMS)[number];

/**
 * `.github/dependabot.yml` (version 2): weekly version updates per ecosystem at the repository
 * root, grouped so one pull request per ecosystem arrives, not one per dependency. Security
 * updates are switched on separately (github_repository_dependabot_security_updates).
 */
export function dependabotConfig(ecosystems: readonly DependabotEcosystem[]): string {
  const unknown = ecosystems.filter((e) => !DEPENDABOT_ECOSYSTEMS.includes(e));
  if (unknown.length) throw new GroundworkError(`Dependabot ecosystems ${unknown.join(', ')} are not among ${DEPENDABOT_ECOSYSTEMS.join(', ')}.`);
  const updates = [...new Set(ecosystems)].sort().flatMap((e) => [
    `  - package-ecosystem: ${e}`,
    '    directory: /',
    '    schedule:',
    '      interval: weekly',
    '    groups:',
    `      ${e}:`,
    '        patterns: ["*"]',
  ]);
  return ['# Managed by Groundwork: Dependabot version updates for this repository.', 'version: 2', 'updates:', ...updates, ''].join('\n');
}
