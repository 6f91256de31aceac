import * as fs from 'fs';
import * as path from 'path';
import { GroundworkError } from '../model/errors';
import { GoldenPathDefinition, operationsProblem } from './golden-path-definition';

const isDefinition = (value: unknown): value is GoldenPathDefinition =>
  Boolean(value) && typeof value === 'object' && typeof (value as GoldenPathDefinition).className === 'string' && Array.isArray((value as GoldenPathDefinition).options);

let found: GoldenPathDefinition[] | undefined;

/**
 * Every golden path: the definition each file of this folder exports beside its class. A new
 * golden path is one file here (and its test); the command-line tools find it without a list.
 */
export function goldenPaths(): readonly GoldenPathDefinition[] {
  if (found) return found;
  const files = fs.readdirSync(__dirname).filter((f) => /\.(ts|js)$/.test(f) && !f.endsWith('.d.ts')).sort();
  const definitions: GoldenPathDefinition[] = [];
  for (const file of files) {
    const exports = require(path.join(__dirname, file)) as Record<string, unknown>;
    for (const value of Object.values(exports)) {
      if (!isDefinition(value) || path.parse(file).name !== value.name) continue;
      const problem = operationsProblem(value);
      if (problem) throw new GroundworkError(`golden-paths/${file}: ${problem}.`);
      definitions.push(value);
    }
  }
  return (found = definitions);
}

export function goldenPath(name: string): GoldenPathDefinition | undefined {
  return goldenPaths().find((p) => p.name === name);
}
