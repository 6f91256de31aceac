import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { Fn } from 'cdktf';
import { Construct } from 'constructs';
import { GroundworkError } from '../model/errors';
import { stampAwsOwnership } from './aws-ownership-tags';
import type { Environment } from './environment';
import { checkName, NAME_RULES } from './names';
import type { Ownership } from './ownership';

import type { IGrantee, PolicyStatement } from './grantee';
import { inlinePolicy } from './inline-policy';

export type { PolicyStatement } from './grantee';

export interface ServiceRoleProps {
  /** The environment it is created in: its network, region, account and the provider's default tags. */
  readonly environment: Environment;
  /** Who owns it: stamped as tags (AWS) or labels (Kubernetes) on everything it creates. */
  readonly ownership: Ownership;
  /** Kubernetes namespace and service account allowed to assume the role (IRSA). */
  readonly namespace: string;
  /** Kubernetes service account allowed to assume the role (IRSA). */
  readonly serviceAccountName: string;
}

/**
 * The IAM role a service's pods assume through IRSA: trusted only by its own Kubernetes service
 * account, with permissions added by grants on the resources it uses (least privilege).
 */
export class ServiceRole extends Construct implements IGrantee {
  readonly role: IamRole;
  readonly roleArn: string;
  readonly roleName: string;

  constructor(scope: Construct, id: string, props: ServiceRoleProps) {
    super(scope, id);
    stampAwsOwnership(this, props.ownership, props.environment.defaultTags);
    const issuer = props.environment.settings.kubernetes?.oidcIssuer;
    if (!issuer) {
      throw new GroundworkError(`${this.node.path}: environment "${props.environment.name}" has no kubernetes.oidcIssuer in the organisation settings, so its workloads cannot assume IAM roles.`);
    }
    this.roleName = checkName(this.node.path, 'IAM role', `${props.ownership.service}-${props.environment.name}`, NAME_RULES.iamRole);
    this.role = new IamRole(this, 'role', {
      name: this.roleName,
      description: `Workload role of ${props.ownership.service} in ${props.environment.name}`,
      assumeRolePolicy: Fn.jsonencode({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Federated: `arn:aws:iam::${props.environment.accountId}:oidc-provider/${issuer}` },
            Action: 'sts:AssumeRoleWithWebIdentity',
            Condition: {
              StringEquals: {
                [`${issuer}:sub`]: `system:serviceaccount:${props.namespace}:${props.serviceAccountName}`,
                [`${issuer}:aud`]: 'sts.amazonaws.com',
              },
            },
          },
        ],
      }),
    });
    this.roleArn = this.role.arn;
  }

  /** Adds an inline policy allowing exactly these actions on exactly these resources. */
  grant(id: string, statements: readonly PolicyStatement[]): void {
    inlinePolicy(this, id, this.role.id, statements);
  }

}
