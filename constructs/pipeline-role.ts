import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Fn } from 'cdktf';
import { Construct } from 'constructs';
import { GITHUB_OIDC_AUDIENCE, GITHUB_OIDC_HOST } from '../model/pipeline-roles';
import { readOnlyPipelinePolicy, StateLocation } from './read-only-pipeline-policy';
import type { GithubOidcProvider } from './github-oidc-provider';
import { suppress } from './suppress';

export interface PipelineRoleProps {
  readonly provider: AwsProvider;
  readonly roleName: string;
  /** The account's GitHub OIDC provider: trusted, and created before the role. */
  readonly oidc: GithubOidcProvider;
  /** The one `sub` claim trusted, e.g. repo:acme/groundwork:pull_request. */
  readonly subject: string;
  /** read-only: ReadOnlyAccess bounded by readOnlyPipelinePolicy; deploy: applies every stack. */
  readonly access: 'read-only' | 'deploy';
  /** Where the state lives (S3 backend); undefined for local state. */
  readonly state?: StateLocation;
}

/**
 * An IAM role a GitHub Actions run of one kind assumes with its OIDC token: trusted for exactly
 * one subject and the STS audience, no long-lived keys.
 */
export class PipelineRole extends Construct {
  readonly role: IamRole;

  constructor(scope: Construct, id: string, props: PipelineRoleProps) {
    super(scope, id);
    const provider = props.provider;
    this.role = new IamRole(this, 'role', {
      provider,
      name: props.roleName,
      description: `Assumed by GitHub Actions runs of ${props.subject} only`,
      maxSessionDuration: 3600,
      dependsOn: [props.oidc.provider],
      assumeRolePolicy: Fn.jsonencode({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Federated: props.oidc.arn },
            Action: 'sts:AssumeRoleWithWebIdentity',
            // StringEquals, not StringLike: no wildcard subject ever matches another branch or event.
            Condition: { StringEquals: { [`${GITHUB_OIDC_HOST}:aud`]: GITHUB_OIDC_AUDIENCE, [`${GITHUB_OIDC_HOST}:sub`]: props.subject } },
          },
        ],
      }),
    });
    if (props.access === 'read-only') {
      new IamRolePolicyAttachment(this, 'read-only-access', { provider, role: this.role.name, policyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' });
      new IamRolePolicy(this, 'bounds', { provider, role: this.role.name, name: 'groundwork-read-only-bounds', policy: Fn.jsonencode(readOnlyPipelinePolicy(props.state)) });
    } else {
      const admin = new IamRolePolicyAttachment(this, 'administrator-access', { provider, role: this.role.name, policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' });
      suppress(admin, 'aws/iam-no-admin-wildcard', 'The deploy role applies every stack (IAM roles, networks, databases); only deployments of the protected branch to this environment can assume it.');
    }
  }
}
