import type { ResourceRecord } from '../terraform/resource-index';
import { PolicyDocument, policyDocumentReference, readPolicyDocument, Statement } from './policy-statements';
import { COMPLIANT, nonCompliant, RuleResult } from './rule';

/** Inline policy documents: the attribute that holds the JSON, per type. */
export const POLICY_DOCUMENTS: Record<string, string> = {
  aws_iam_policy: 'policy',
  aws_iam_role_policy: 'policy',
  aws_iam_user_policy: 'policy',
  aws_iam_group_policy: 'policy',
  aws_ssoadmin_permission_set_inline_policy: 'inline_policy',
};

/** A document's first finding, statement by statement; an unreadable document is one finding. */
export function judgeStatements(document: PolicyDocument, judgeOne: (s: Statement) => RuleResult): RuleResult {
  if ('unreadable' in document) return nonCompliant(`has a policy document that cannot be read before plan (it ${document.unreadable}); write it with jsonencode() or literal JSON so it can be checked`);
  return document.statements.map(judgeOne).find((r) => r.status === 'non-compliant') ?? COMPLIANT;
}

/**
 * The check of a rule over the inline documents of POLICY_DOCUMENTS' types, for rules other than
 * aws/iam-no-admin-wildcard: a document that cannot be read is that rule's one finding, and an
 * aws_iam_policy_document is judged where it is written.
 */
export function inlineDocumentCheck(judgeOne: (s: Statement) => RuleResult): (r: ResourceRecord) => RuleResult {
  return (r) => {
    const raw = r.body[POLICY_DOCUMENTS[r.type]!];
    if (policyDocumentReference(raw)) return COMPLIANT;
    const document = readPolicyDocument(raw);
    return 'unreadable' in document ? COMPLIANT : judgeStatements(document, judgeOne);
  };
}
