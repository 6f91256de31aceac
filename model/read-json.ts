import * as fs from 'fs';
import { GroundworkError } from './errors';

/** A JSON file, or an error naming it (`what`, e.g. "The price table prices/us-east-1.json") and saying what to do (`remedy`). */
export function readJsonFile(file: string, what: string, remedy?: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new GroundworkError(`Cannot read ${what}: ${(error as Error).message}.`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new GroundworkError(`${what} is not valid JSON: ${(error as Error).message}${remedy ? `; ${remedy}` : ''}.`);
  }
}
