/**
 * Where a synthesized stack keeps its state, read from its Terraform JSON (`terraform.backend` or
 * `terraform.cloud`), so a pipeline can refuse to apply a stack whose state would live in a
 * runner's files and be gone after the job.
 */
import { isJson as isObject } from '../../model/json-object';

/** Why the stack's state is not remote, as the end of a sentence; undefined when it is. */
export function localStateProblem(stack: unknown): string | undefined {
  const terraform = isObject(stack) && isObject(stack.terraform) ? stack.terraform : undefined;
  if (terraform && isObject(terraform.cloud)) return undefined;
  const backend = terraform && isObject(terraform.backend) ? terraform.backend : undefined;
  const types = backend ? Object.keys(backend) : [];
  if (!types.length) return 'declares no backend, so Terraform keeps its state in a local file';
  if (types.length > 1) return `declares ${types.length} backends (${types.sort().join(', ')}), which Terraform refuses`;
  if (types[0] === 'local') return 'keeps its state in a local file (terraform.backend.local)';
  return undefined;
}
