import { BranchProtection } from '@cdktf/provider-github/lib/branch-protection';
import { Repository as GithubRepository } from '@cdktf/provider-github/lib/repository';
import { RepositoryDependabotSecurityUpdates } from '@cdktf/provider-github/lib/repository-dependabot-security-updates';
import { RepositoryFile } from '@cdktf/provider-github/lib/repository-file';
import { TeamRepository } from '@cdktf/provider-github/lib/team-repository';
import { Construct } from 'constructs';
import { GroundworkError } from '../model/errors';
import { githubTopicCountProblem, DECLARED_PUBLIC_TOPIC } from '../model/tag-limits';
import type { GithubTeam } from './github-team';
import { terraformLiteral } from './literal';
import { checkChoice } from './literal-rules';
import { checkName, checkRange, NAME_RULES } from './names';
import { dependabotConfig, DependabotEcosystem } from './dependabot-config';
import { CI_STATUS_CHECK, serviceCiWorkflow } from './service-ci-workflow';
import type { Ownership } from './ownership';

/** Who can see a repository. */
export const VISIBILITIES = ['private', 'internal', 'public'] as const;
export type Visibility = (typeof VISIBILITIES)[number];

export interface RepositoryProps {
  /** Ownership of the service (no environment: one repository serves every environment). */
  readonly ownership: Ownership;
  /** The owning team on GitHub: gets maintain access and is the code owner. */
  readonly team: GithubTeam;
  /** The GitHub organisation, for CODEOWNERS. */
  readonly githubOwner: string;
  /** @default `<service>` */
  readonly name?: string;
  /** @default '' */
  readonly description?: string;
  /** 'public' only when the service is meant to be open source. @default 'private' */
  readonly visibility?: Visibility;
  /** @default 'main' */
  readonly defaultBranch?: string;
  /** Approving reviews a pull request needs, 1 to 6. @default 1 */
  readonly requiredReviews?: number;
  /** Topics beyond the ownership topics. @default none */
  readonly topics?: readonly string[];
  /**
   * The platform's team: maintain access (GitHub ignores a code owner without write access) and
   * the code owner of `.github/` (CODEOWNERS and the workflows), declared after the owning team's
   * `*` line because the last matching line wins. @default the owning team owns everything
   */
  readonly platformTeam?: GithubTeam;
  /** The platform's CI workflow (build, test, push `image`) as `.github/workflows/ci.yml`. @default no CI workflow file */
  readonly ci?: { readonly image: string };
  /** Ecosystems Dependabot keeps up to date in `.github/dependabot.yml`. @default ['github-actions'] */
  readonly dependabot?: readonly DependabotEcosystem[];
}

/**
 * A service's GitHub repository: private by default, the default branch protected (reviews from
 * code owners, no force pushes, admins included, the CI workflow's check required), CODEOWNERS
 * naming the owning team, the team's access, and the ownership as topics. Security as code:
 * secret scanning with push protection, Dependabot alerts and security updates, and a
 * dependabot.yml for the repository's ecosystems.
 */
export class Repository extends Construct {
  readonly repository: GithubRepository;
  readonly name: string;
  readonly defaultBranch: string;
  readonly topics: readonly string[];
  /** https://github.com/<owner>/<name>, known at synth. */
  readonly url: string;

  constructor(scope: Construct, id: string, props: RepositoryProps) {
    super(scope, id);
    const where = this.node.path;
    this.name = checkName(where, 'GitHub repository', props.name ?? props.ownership.service, NAME_RULES.githubRepository);
    checkChoice(where, 'visibility', props.visibility, VISIBILITIES);
    this.defaultBranch = checkName(where, 'default branch', props.defaultBranch ?? 'main', NAME_RULES.gitBranch);
    const requiredReviews = checkRange(where, 'requiredReviews', props.requiredReviews ?? 1, 1, 6);
    // A public repository says so in a topic, which the guardrails read as the declaration.
    const declared = props.visibility === 'public' ? [DECLARED_PUBLIC_TOPIC] : [];
    this.topics = [...new Set([...props.ownership.githubTopics(), ...declared, ...(props.topics ?? [])])].sort();
    const tooMany = githubTopicCountProblem(this.topics.length);
    if (tooMany) throw new GroundworkError(`${where}: the repository ${tooMany}; drop some extra topics.`);
    this.url = `https://github.com/${props.githubOwner}/${this.name}`;

    this.repository = new GithubRepository(this, 'repository', {
      name: this.name,
      description: terraformLiteral(props.description ?? ''),
      visibility: props.visibility ?? 'private',
      autoInit: true,
      hasIssues: true,
      hasWiki: false,
      deleteBranchOnMerge: true,
      allowMergeCommit: false,
      vulnerabilityAlerts: true,
      archiveOnDestroy: true,
      topics: [...this.topics],
      // Public repositories have these for free; private and internal ones through GitHub Advanced Security.
      securityAndAnalysis: {
        ...(props.visibility === 'public' ? {} : { advancedSecurity: { status: 'enabled' } }),
        secretScanning: { status: 'enabled' },
        secretScanningPushProtection: { status: 'enabled' },
      },
    });
    new RepositoryDependabotSecurityUpdates(this, 'dependabot-security-updates', { repository: this.repository.name, enabled: true });
    new BranchProtection(this, 'default-branch-protection', {
      repositoryId: this.repository.nodeId,
      pattern: this.defaultBranch,
      enforceAdmins: true,
      allowsForcePushes: false,
      allowsDeletions: false,
      requireConversationResolution: true,
      requiredPullRequestReviews: [{ requiredApprovingReviewCount: requiredReviews, requireCodeOwnerReviews: true, dismissStaleReviews: true }],
      // The platform's CI job must pass, on the branch as it will be merged.
      ...(props.ci ? { requiredStatusChecks: [{ strict: true, contexts: [CI_STATUS_CHECK] }] } : {}),
    });
    new RepositoryFile(this, 'codeowners', {
      repository: this.repository.name,
      branch: this.defaultBranch,
      file: '.github/CODEOWNERS',
      content: codeowners(props.githubOwner, props.team, props.platformTeam),
      commitMessage: 'Set CODEOWNERS from Groundwork ownership',
      overwriteOnCreate: true,
    });
    if (props.ci) {
      new RepositoryFile(this, 'ci-workflow', {
        repository: this.repository.name,
        branch: this.defaultBranch,
        file: '.github/workflows/ci.yml',
        content: terraformLiteral(serviceCiWorkflow(props.ci.image, where)),
        commitMessage: 'Set the CI workflow from the Groundwork template',
        overwriteOnCreate: true,
      });
    }
    new RepositoryFile(this, 'dependabot-config', {
      repository: this.repository.name,
      branch: this.defaultBranch,
      file: '.github/dependabot.yml',
      content: dependabotConfig(props.dependabot ?? ['github-actions']),
      commitMessage: 'Set the Dependabot configuration from the Groundwork template',
      overwriteOnCreate: true,
    });
    new TeamRepository(this, 'team-access', { teamId: props.team.teamId, repository: this.repository.name, permission: 'maintain' });
    if (props.platformTeam && props.platformTeam.name !== props.team.name) {
      new TeamRepository(this, 'platform-team-access', { teamId: props.platformTeam.teamId, repository: this.repository.name, permission: 'maintain' });
    }
  }
}

/** The owning team owns everything; the platform team, on its own later line, owns `.github/` (the last match wins). */
function codeowners(githubOwner: string, team: GithubTeam, platformTeam: GithubTeam | undefined): string {
  const lines = ['# Managed by Groundwork: ownership comes from the service definition.', `* @${githubOwner}/${team.name}`];
  if (platformTeam) lines.push(`/.github/ @${githubOwner}/${platformTeam.name}`);
  return `${lines.join('\n')}\n`;
}
