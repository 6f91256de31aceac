import * as fs from 'fs';
import * as path from 'path';
import { findNodeAtLocation, Node, parseTree } from 'jsonc-parser';
import type { TerraformConfiguration } from '../terraform/terraform-output';
import type { Finding } from './engine';

/** Where a finding is written: a file relative to the analysis root (`/`-separated), and the line of its block when known. */
export interface FindingLocation {
  readonly file: string;
  readonly line?: number;
}

/** The JSON path of the block an address names (`aws_s3_bucket.b[0]` -> resource.aws_s3_bucket.b); undefined for what has none (module contents). */
function blockPath(address: string): string[] | undefined {
  const parts = address.replace(/\[[^\]]*\]/g, '').split('.');
  if (parts[0] === 'module') return parts.length === 2 ? ['module', parts[1]] : undefined;
  if (parts[0] === 'data') return parts.length === 3 ? ['data', parts[1], parts[2]] : undefined;
  if (parts[0] === 'var') return ['variable', parts[1]];
  if (parts[0] === 'output') return ['output', parts[1]];
  if (parts[0] === 'provider') return ['provider', parts[1]];
  if (parts[0] === 'local') return ['locals', parts[1]];
  return parts.length === 2 ? ['resource', parts[0], parts[1]] : undefined;
}

/** The 1-based line of a JSON member's key, looking through arrays where Terraform's JSON allows one (provider, locals). */
function lineOf(text: string, tree: Node, jsonPath: string[]): number | undefined {
  let node: Node | undefined = findNodeAtLocation(tree, jsonPath);
  if (!node && (jsonPath[0] === 'locals' || jsonPath[0] === 'provider')) {
    const list = findNodeAtLocation(tree, [jsonPath[0], ...(jsonPath[0] === 'provider' ? [jsonPath[1]] : [])]);
    node = list?.type === 'array' ? list.children?.[0] : list?.children?.map((c) => findNodeAtLocation(c, [jsonPath[1]])).find(Boolean);
  }
  const at = node?.parent?.type === 'property' ? node.parent.offset : node?.offset;
  if (at === undefined) return undefined;
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < at; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/**
 * Locates findings in the files their configuration was read from (`base`: the folder those
 * file names are relative to), relative to `root`: where the reader kept the block's file and
 * line, those; otherwise found again in the .tf.json. A finding inside a module call, or in a file
 * that cannot be parsed again, is placed on its configuration's first file without a line.
 */
export function findingLocator(configurations: readonly TerraformConfiguration[], base: string, root: string): (f: Pick<Finding, 'stack' | 'address' | 'file' | 'line'>) => FindingLocation | undefined {
  const byStack = new Map(configurations.map((c) => [c.stack, c]));
  const trees = new Map<string, { text: string; tree: Node } | undefined>();
  const parsed = (file: string) => {
    if (!trees.has(file)) {
      let entry: { text: string; tree: Node } | undefined;
      try {
        const text = fs.readFileSync(file, 'utf8');
        const tree = parseTree(text);
        entry = tree ? { text, tree } : undefined;
      } catch {
        entry = undefined;
      }
      trees.set(file, entry);
    }
    return trees.get(file);
  };
  const relative = (file: string) => path.relative(root, file).split(path.sep).join('/');
  return (f) => {
    // Plain Terraform (.tf and .tf.json read as a folder, modules included): the reader knows the block's file and header line.
    if (f.file) return { file: relative(path.resolve(base, f.file)), ...(f.line ? { line: f.line } : {}) };
    const config = byStack.get(f.stack);
    if (!config?.files.length) return undefined;
    const files = config.files.map((file) => path.resolve(base, file));
    const jsonPath = blockPath(f.address);
    for (const file of jsonPath && !config.planned ? files : []) {
      const entry = parsed(file);
      const line = entry && lineOf(entry.text, entry.tree, jsonPath!);
      if (line !== undefined) return { file: relative(file), line };
    }
    return { file: relative(files[0]) };
  };
}
