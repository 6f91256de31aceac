import { RepositoryEnvironment } from '@cdktf/provider-github/lib/repository-environment';
import { RepositoryEnvironmentDeploymentPolicy } from '@cdktf/provider-github/lib/repository-environment-deployment-policy';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import type { GithubTeam } from './github-team';
import { checkName, NAME_RULES } from './names';

export interface DeploymentEnvironmentProps {
  /** The platform's repository (its name in the organisation). */
  readonly repository: string;
  readonly environment: string;
  /** The one branch that may deploy. */
  readonly branch: string;
  /** Required reviewers (production): a deployment waits for one of them. @default none */
  readonly reviewers?: GithubTeam;
}

/**
 * A GitHub environment of the platform's repository whose deployment-branch policy admits only
 * the protected branch: the deploy role trusts `environment:<name>` tokens, so this policy is what
 * keeps other branches from deploying.
 */
export class DeploymentEnvironment extends Construct {
  constructor(scope: Construct, id: string, props: DeploymentEnvironmentProps) {
    super(scope, id);
    const branch = checkName(this.node.path, 'deployment branch', props.branch, NAME_RULES.gitBranch);
    const environment = new RepositoryEnvironment(this, 'environment', {
      repository: props.repository,
      environment: props.environment,
      preventSelfReview: props.reviewers ? true : undefined,
      canAdminsBypass: false,
      // GitHub team ids are numbers; the team resource exposes its id as a string attribute.
      reviewers: props.reviewers ? [{ teams: [Token.asNumber(props.reviewers.teamId)] }] : undefined,
      deploymentBranchPolicy: { protectedBranches: false, customBranchPolicies: true },
    });
    new RepositoryEnvironmentDeploymentPolicy(this, 'branch', { repository: props.repository, environment: environment.environment, branchPattern: branch });
  }
}
