import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import type { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { Fn } from 'cdktf';
import { Construct } from 'constructs';
import { stampAwsOwnership } from './aws-ownership-tags';
import type { Environment } from './environment';
import type { IGrantee, PolicyStatement } from './grantee';
import { inlinePolicy } from './inline-policy';
import { checkName, NAME_RULES } from './names';
import type { Ownership } from './ownership';

export interface BedrockServiceRoleProps {
  readonly environment: Environment;
  readonly ownership: Ownership;
  /** The role's name. */
  readonly name: string;
  /** What Bedrock does with it, e.g. knowledge-base/* or model-customization-job/* (its ARNs' resource part). */
  readonly sourceResource: string;
}

/**
 * An IAM role Bedrock assumes to act for one service (a knowledge base ingesting, a model
 * customization job training): trusted only by Bedrock acting for this account on the named kind
 * of resource (confused deputy), allowed exactly what grants add.
 */
export class BedrockServiceRole extends Construct implements IGrantee {
  readonly role: IamRole;
  readonly roleArn: string;
  private readonly policies: IamRolePolicy[] = [];

  constructor(scope: Construct, id: string, props: BedrockServiceRoleProps) {
    super(scope, id);
    const env = props.environment;
    stampAwsOwnership(this, props.ownership, env.defaultTags);
    this.role = new IamRole(this, 'role', {
      name: checkName(this.node.path, 'IAM role', props.name, NAME_RULES.iamRole),
      description: `Bedrock acts for ${props.ownership.service} in ${env.name} (${props.sourceResource})`,
      assumeRolePolicy: Fn.jsonencode({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: 'bedrock.amazonaws.com' },
            Action: 'sts:AssumeRole',
            Condition: { StringEquals: { 'aws:SourceAccount': env.accountId }, ArnLike: { 'aws:SourceArn': `arn:aws:bedrock:${env.region}:${env.accountId}:${props.sourceResource}` } },
          },
        ],
      }),
    });
    this.roleArn = this.role.arn;
  }

  grant(id: string, statements: readonly PolicyStatement[]): void {
    this.policies.push(inlinePolicy(this, id, this.role.id, statements));
  }


  /** Its policies: what Bedrock resources using the role wait for (IAM is eventually consistent, but at least created). */
  get grants(): readonly IamRolePolicy[] {
    return this.policies;
  }
}
