import type { EnvironmentSettings, OrganisationSettings } from './organisation-settings';

/**
 * The roles the platform's own workflows assume through GitHub's OIDC tokens, one set per
 * environment (created by the bootstrap stack, read by `npm run pipeline` for the workflows):
 * plan (pull requests, read-only), drift (the nightly run on main, read-only) and deploy
 * (deployments of the environment, which only the protected branch may start).
 */
export const PIPELINE_ROLE_KINDS = ['plan', 'drift', 'deploy'] as const;
export type PipelineRoleKind = (typeof PIPELINE_ROLE_KINDS)[number];

/** GitHub Actions' OIDC issuer (without https://) and the audience configure-aws-credentials asks for. */
export const GITHUB_OIDC_HOST = 'token.actions.githubusercontent.com';
export const GITHUB_OIDC_AUDIENCE = 'sts.amazonaws.com';

/** The branch deployments come from: the protected default branch of the platform's repository. */
export const DEPLOY_BRANCH = 'main';

/** `<githubOwner>/<platformRepository>`: the repository whose workflows plan and deploy. */
export function platformRepositoryPath(settings: OrganisationSettings): string {
  return `${settings.githubOwner}/${settings.platformRepository ?? 'groundwork'}`;
}

/** `<org>-<env>-ci-<kind>`: at most 32 + 1 + 20 + 4 + 6 = 63 characters, within IAM's 64. */
export function pipelineRoleName(settings: OrganisationSettings, environment: string, kind: PipelineRoleKind): string {
  return `${settings.name}-${environment}-ci-${kind}`;
}

/** The role's ARN, known at synth when the environment names its account. */
export function pipelineRoleArn(settings: OrganisationSettings, environment: string, kind: PipelineRoleKind): string | undefined {
  const account = settings.environments[environment]?.accountId;
  return account ? `arn:aws:iam::${account}:role/${pipelineRoleName(settings, environment, kind)}` : undefined;
}

/** The `sub` claim of the one kind of workflow run each role trusts. */
export function pipelineSubject(settings: OrganisationSettings, environment: string, kind: PipelineRoleKind): string {
  const repo = `repo:${platformRepositoryPath(settings)}`;
  if (kind === 'plan') return `${repo}:pull_request`;
  if (kind === 'drift') return `${repo}:ref:refs/heads/${DEPLOY_BRANCH}`;
  return `${repo}:environment:${environment}`;
}

/** The environment's EKS cluster and the kubeconfig context the Kubernetes provider reads (named alike). */
export function eksCluster(environment: string, settings: EnvironmentSettings): { readonly cluster: string; readonly context: string } {
  const context = settings.kubernetes?.configContext ?? environment;
  return { cluster: context, context };
}
