import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { Fn } from 'cdktf';
import type { Construct } from 'constructs';
import type { PolicyStatement } from './grantee';

/** An inline policy of a role allowing exactly these statements: what every IGrantee role's grant() writes. */
export function inlinePolicy(scope: Construct, id: string, roleId: string, statements: readonly PolicyStatement[]): IamRolePolicy {
  return new IamRolePolicy(scope, `grant-${id}`, {
    name: id,
    role: roleId,
    policy: Fn.jsonencode({
      Version: '2012-10-17',
      Statement: statements.map((s) => ({ Effect: 'Allow', Action: [...s.actions], Resource: [...s.resources], ...(s.conditions ? { Condition: s.conditions } : {}) })),
    }),
  });
}
