import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Aspects } from 'cdktf';
import { Construct } from 'constructs';
import type { OrganisationSettings } from '../model/organisation-settings';
import { PIPELINE_ROLE_KINDS, PipelineRoleKind, pipelineRoleName, pipelineSubject } from '../model/pipeline-roles';
import { AwsOwnershipTags } from './aws-ownership-tags';
import { GithubOidcProvider } from './github-oidc-provider';
import type { Ownership } from './ownership';
import { PipelineRole } from './pipeline-role';
import type { StateLocation } from './read-only-pipeline-policy';

export interface PipelineAccessProps {
  readonly settings: OrganisationSettings;
  readonly environment: string;
  /** The AWS provider of the environment's account. */
  readonly provider: AwsProvider;
  readonly ownership: Ownership;
  readonly defaultTags: Readonly<Record<string, string>>;
  /** The environment's state bucket (S3 backend); undefined for local state. */
  readonly state?: StateLocation;
}

/**
 * What the platform's workflows may do in one environment, bounded here rather than in each
 * workflow: GitHub as an OIDC provider of the account, and the plan (pull requests), drift (main)
 * and deploy (the environment's deployments) roles, each trusted for one kind of run.
 */
export class PipelineAccess extends Construct {
  readonly roles: Readonly<Record<PipelineRoleKind, PipelineRole>>;

  constructor(scope: Construct, id: string, props: PipelineAccessProps) {
    super(scope, id);
    Aspects.of(this).add(new AwsOwnershipTags(props.ownership, props.defaultTags));
    const oidc = new GithubOidcProvider(this, 'github-oidc', { provider: props.provider, accountId: props.settings.environments[props.environment].accountId });
    const role = (kind: PipelineRoleKind) =>
      new PipelineRole(this, kind, {
        provider: props.provider,
        roleName: pipelineRoleName(props.settings, props.environment, kind),
        oidc,
        subject: pipelineSubject(props.settings, props.environment, kind),
        access: kind === 'deploy' ? 'deploy' : 'read-only',
        state: props.state,
      });
    this.roles = Object.fromEntries(PIPELINE_ROLE_KINDS.map((kind) => [kind, role(kind)])) as Record<PipelineRoleKind, PipelineRole>;
  }
}
