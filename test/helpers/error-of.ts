import { GroundworkError } from '../../model/errors';

/** The one sentence a call refuses with: it must throw a GroundworkError (a test fails on anything else). */
export function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(GroundworkError);
    return (error as Error).message;
  }
  throw new Error('expected an error');
}
