/**
 * The bootstrap stack of bench/bare-organisation.ts: per environment, the pipeline's GitHub OIDC
 * provider and its plan, drift and deploy roles (read-only bounds on plan and drift), as the
 * platform's generated organisation creates them, written with the provider classes only.
 */
import { IamOpenidConnectProvider } from '@cdktf/provider-aws/lib/iam-openid-connect-provider';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { App, Fn, LocalBackend, TerraformStack } from 'cdktf';
import type { benchSettings } from './generated-organisation';

const GITHUB_OIDC = 'token.actions.githubusercontent.com';

/** What a plan or drift run may not read or write even with ReadOnlyAccess. */
const READ_ONLY_BOUNDS = {
  Version: '2012-10-17',
  Statement: [
    { Sid: 'DenySecretValues', Effect: 'Deny', Action: ['secretsmanager:GetSecretValue', 'secretsmanager:BatchGetSecretValue', 'ssm:GetParameter', 'ssm:GetParameters', 'ssm:GetParametersByPath', 'ssm:GetParameterHistory'], Resource: '*' },
    { Sid: 'DenyKmsDecrypt', Effect: 'Deny', Action: 'kms:Decrypt', Resource: '*' },
    { Sid: 'DenyObjectWrites', Effect: 'Deny', Action: ['s3:PutObject', 's3:DeleteObject', 's3:DeleteObjectVersion', 's3:RestoreObject', 's3:PutObjectAcl', 's3:PutObjectTagging'], Resource: '*' },
  ],
};

export function buildBareBootstrap(app: App, settings: ReturnType<typeof benchSettings>): void {
  const stack = new TerraformStack(app, 'bootstrap');
  new LocalBackend(stack, { path: '../../../terraform.bootstrap.tfstate' });
  const tags = { owner: settings.platformTeam, service: 'pipeline', 'cost-center': 'CC-1000' };
  for (const [env, e] of Object.entries(settings.environments).sort(([a], [b]) => (a < b ? -1 : 1))) {
    const provider = new AwsProvider(stack, `aws-${env}`, { alias: env, region: e.region, allowedAccountIds: [e.accountId], defaultTags: [{ tags: { environment: env, organisation: settings.name } }] });
    const oidc = new IamOpenidConnectProvider(stack, `${env}-github-oidc`, { provider, url: `https://${GITHUB_OIDC}`, clientIdList: ['sts.amazonaws.com'], tags });
    const repo = `repo:${settings.githubOwner}/groundwork`;
    for (const [run, subject, managed] of [['plan', `${repo}:pull_request`, 'ReadOnlyAccess'], ['drift', `${repo}:ref:refs/heads/main`, 'ReadOnlyAccess'], ['deploy', `${repo}:environment:${env}`, 'AdministratorAccess']] as const) {
      const role = new IamRole(stack, `${env}-${run}-role`, {
        provider,
        name: `${settings.name}-${env}-ci-${run}`,
        description: `Assumed by GitHub Actions runs of ${subject} only`,
        maxSessionDuration: 3600,
        assumeRolePolicy: Fn.jsonencode({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { Federated: `arn:aws:iam::${e.accountId}:oidc-provider/${GITHUB_OIDC}` }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringEquals: { [`${GITHUB_OIDC}:aud`]: 'sts.amazonaws.com', [`${GITHUB_OIDC}:sub`]: subject } } }],
        }),
        dependsOn: [oidc],
        tags,
      });
      new IamRolePolicyAttachment(stack, `${env}-${run}-managed-policy`, { provider, role: role.name, policyArn: `arn:aws:iam::aws:policy/${managed}` });
      if (managed === 'ReadOnlyAccess') new IamRolePolicy(stack, `${env}-${run}-bounds`, { provider, role: role.name, name: 'groundwork-read-only-bounds', policy: Fn.jsonencode(READ_ONLY_BOUNDS) });
    }
  }
}
