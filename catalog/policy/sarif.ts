import { createHash } from 'crypto';
import type { Finding } from './engine';
import type { FindingLocation } from './finding-locations';
import { PACKS } from './packs';
import type { Severity } from './rule';

/** SARIF levels GitHub code scanning shows: error, warning, note. */
const LEVELS: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

export const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

/**
 * A finding's identity across runs: its rule, configuration and address, not its line (a moved
 * block is the same finding), so code scanning tracks it instead of opening a new alert.
 */
const fingerprint = (f: Finding) => createHash('sha256').update(`${f.rule}\0${f.stack}\0${f.address}`).digest('hex').slice(0, 32);

/**
 * The guardrail findings as one SARIF 2.1.0 log, for GitHub code scanning: every rule of every
 * pack described once, each finding a result on its file and line (`locate`), suppressed findings
 * carried with their reason as SARIF suppressions. Deterministic: no times, no absolute paths.
 */
export function sarifLog(findings: readonly Finding[], locate: (f: Finding) => FindingLocation | undefined, version: string): object {
  const rules = PACKS.flatMap((pack) =>
    pack.rules.map(({ rule, severity }) => ({
      id: rule.id,
      name: rule.id.replace(/[/-](\w)/g, (_, c: string) => c.toUpperCase()).replace(/^\w/, (c) => c.toUpperCase()),
      shortDescription: { text: rule.rationale },
      fullDescription: { text: rule.rationale },
      help: { text: rule.fix },
      defaultConfiguration: { level: LEVELS[severity] },
      properties: { tags: ['groundwork', pack.name] },
    })),
  );
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const results = findings.map((f) => {
    const where = locate(f);
    return {
      ruleId: f.rule,
      ...(index.has(f.rule) ? { ruleIndex: index.get(f.rule) } : {}),
      level: LEVELS[f.severity],
      message: { text: `${f.address}: ${f.message}` },
      locations: [
        {
          ...(where ? { physicalLocation: { artifactLocation: { uri: where.file, uriBaseId: '%SRCROOT%' }, ...(where.line ? { region: { startLine: where.line } } : {}) } } : {}),
          logicalLocations: [{ fullyQualifiedName: `${f.stack}/${f.address}`, kind: 'resource' }],
        },
      ],
      partialFingerprints: { 'groundworkFinding/v1': fingerprint(f) },
      ...(f.suppressed ? { suppressions: [{ kind: 'external', status: 'accepted', justification: `${f.suppressed.reason} (${f.suppressed.source})` }] } : {}),
      properties: { stack: f.stack, pack: f.pack, ...(f.service ? { service: f.service } : {}), ...(f.owner ? { owner: f.owner } : {}) },
    };
  });
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [{ tool: { driver: { name: 'Groundwork', semanticVersion: version, informationUri: 'https://www.npmjs.com/package/@groundwork-platform/groundwork', rules } }, results, columnKind: 'utf16CodeUnits' }],
  };
}
