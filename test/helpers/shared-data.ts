import * as fs from 'fs';
import * as path from 'path';
import { Gate, gate } from './prerequisites';

/** The project's shared/ data beside the repository (real billing samples, price records), or GROUNDWORK_SHARED_DATA. */
export const SHARED_DATA = process.env.GROUNDWORK_SHARED_DATA ?? path.join(__dirname, '../../../shared/data');

/** Tests that read these files of the shared data: skipped loudly where one is missing, failed under CI=true. */
export function withSharedData(...files: string[]): Gate {
  const absent = files.filter((f) => !fs.existsSync(path.join(SHARED_DATA, f)));
  return gate({
    id: 'shared-data',
    what: `the shared sample data (${files.join(', ')})`,
    missing: absent.length ? `${absent.map((f) => path.join(SHARED_DATA, f)).join(', ')} ${absent.length > 1 ? 'are' : 'is'} not there; put the project's shared/ folder beside the repository or set GROUNDWORK_SHARED_DATA.` : undefined,
  });
}
