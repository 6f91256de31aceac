import { parsePolicyDocument } from '../terraform/hcl-expression';
import type { HclValue } from '../terraform/hcl-expression';
import { literal } from '../terraform/resource-index';
import type { ResourceRecord } from '../terraform/resource-index';
import type { PolicyContext } from './context';

type Doc = Record<string, HclValue>;

/** An OpenSearch Serverless resource pattern (`collection/name`, `collection/prefix*`) against a collection's name. */
function covers(pattern: HclValue, collection: string): boolean {
  if (typeof pattern !== 'string' || !pattern.startsWith('collection/')) return false;
  const name = pattern.slice('collection/'.length);
  return name.endsWith('*') ? collection.startsWith(name.slice(0, -1)) : name === collection;
}

const rulesCover = (doc: Doc, collection: string): boolean =>
  Array.isArray(doc.Rules) && doc.Rules.some((rule) => rule && typeof rule === 'object' && !Array.isArray(rule) && (rule as Doc).ResourceType === 'collection' && Array.isArray((rule as Doc).Resource) && ((rule as Doc).Resource as HclValue[]).some((p) => covers(p, collection)));

/** What the security policies of a type say about one collection. */
export interface CollectionPolicies {
  /** The policy documents (network: each statement) whose rules name the collection. */
  readonly matching: readonly Doc[];
  /** Policies of the type in the configuration that could not be read (an expression): they may cover it. */
  readonly unreadable: readonly ResourceRecord[];
}

/**
 * The encryption or network security policies in a collection's configuration that cover it, as
 * OpenSearch Serverless matches them: by `collection/<name>` or a `collection/<prefix>*` pattern.
 * Undefined when the collection's name is not a literal (nothing can be matched).
 */
export function collectionPolicies(collection: ResourceRecord, ctx: PolicyContext, type: 'encryption' | 'network'): CollectionPolicies | undefined {
  const name = literal(collection.body.name);
  if (name === undefined) return undefined;
  const matching: Doc[] = [];
  const unreadable: ResourceRecord[] = [];
  for (const policy of ctx.inStack(collection.stack)) {
    if (policy.type !== 'aws_opensearchserverless_security_policy' || literal(policy.body.type) !== type) continue;
    const doc = parsePolicyDocument(policy.body.policy);
    if (doc === undefined || doc === null || typeof doc !== 'object') {
      unreadable.push(policy);
      continue;
    }
    for (const statement of Array.isArray(doc) ? doc : [doc]) if (statement && typeof statement === 'object' && !Array.isArray(statement) && rulesCover(statement as Doc, name)) matching.push(statement as Doc);
  }
  return { matching, unreadable };
}
