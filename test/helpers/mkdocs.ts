import { spawnSync } from 'child_process';
import { gate } from './prerequisites';

/** Debian's mkdocs (1.4; .ci/run installs it), on PATH or at GROUNDWORK_MKDOCS. No plugins: techdocs-core is not installable offline. */
export const MKDOCS = process.env.GROUNDWORK_MKDOCS ?? 'mkdocs';

const version = spawnSync(MKDOCS, ['--version'], { encoding: 'utf8' });

/** The docs site build: skipped loudly without mkdocs, failed under CI=true. */
export const withMkdocs = gate({
  id: 'mkdocs',
  what: 'mkdocs',
  missing: version.status === 0 ? undefined : `no mkdocs at ${MKDOCS}; install Debian's (apt-get install -y mkdocs, as .ci/run does) or set GROUNDWORK_MKDOCS.`,
});
