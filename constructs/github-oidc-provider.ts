import { IamOpenidConnectProvider } from '@cdktf/provider-aws/lib/iam-openid-connect-provider';
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Construct } from 'constructs';
import { GITHUB_OIDC_AUDIENCE, GITHUB_OIDC_HOST } from '../model/pipeline-roles';

export interface GithubOidcProviderProps {
  /** The AWS provider of the environment's account. */
  readonly provider: AwsProvider;
  /** The account, when the settings name it: the ARN is then known at plan, and so are the trust policies that name it. */
  readonly accountId?: string;
}

/**
 * GitHub Actions as an identity provider of one AWS account, for the audience
 * aws-actions/configure-aws-credentials asks for. No thumbprint: AWS trusts GitHub's issuer through
 * its own root CAs, and the provider argument is optional since hashicorp/aws 5.81.
 */
export class GithubOidcProvider extends Construct {
  readonly arn: string;
  readonly provider: IamOpenidConnectProvider;

  constructor(scope: Construct, id: string, props: GithubOidcProviderProps) {
    super(scope, id);
    this.provider = new IamOpenidConnectProvider(this, 'provider', {
      provider: props.provider,
      url: `https://${GITHUB_OIDC_HOST}`,
      clientIdList: [GITHUB_OIDC_AUDIENCE],
    });
    // Its ARN is fixed by the account and the issuer: known, the roles' trust policies show in the plan.
    this.arn = props.accountId ? `arn:aws:iam::${props.accountId}:oidc-provider/${GITHUB_OIDC_HOST}` : this.provider.arn;
  }
}
