import { awsConsoleUrl } from '../../model/aws-console';
import { serviceUrlHostname } from '../../model/dns-name';
import type { EnvironmentObservability, OrganisationMetadata } from '../../model/golden-path-metadata';
import { isLatencyThresholdMs, isObjectivePercent } from '../../model/service-level-objectives';
import { compareText } from '../../model/stable-json';
import type { ServiceEndpoint } from './catalog-model';

type Objectives = NonNullable<ServiceEndpoint['slo']>;

/** The objectives the metadata states, each kept only when synth would have accepted it. */
function objectivesOf(slo: EnvironmentObservability['slo']): Objectives | undefined {
  const availability = isObjectivePercent(slo?.availability) ? slo.availability : undefined;
  const latency = slo?.latency && isLatencyThresholdMs(slo.latency.thresholdMs) && isObjectivePercent(slo.latency.percent) ? { thresholdMs: slo.latency.thresholdMs, percent: slo.latency.percent } : undefined;
  if (availability === undefined && latency === undefined) return undefined;
  return { ...(availability !== undefined ? { availability } : {}), ...(latency ? { latency } : {}) };
}

/**
 * Per environment where the service is exposed beyond the cluster: its URL, exposure, objectives
 * and alarms, from golden-path metadata, which a hand-written stack may forge. So the URL is kept
 * only as `https://<DNS name>`, the objectives only in synth's ranges, and an alarm's console link
 * is built (awsConsoleUrl) from the environment's region in the organisation settings, never taken.
 */
export function serviceEndpoints(observability: Readonly<Record<string, EnvironmentObservability>> | undefined, organisation: OrganisationMetadata | undefined): ServiceEndpoint[] {
  return Object.entries(observability ?? {})
    .filter(([, o]) => o.exposure === 'internal' || o.exposure === 'public')
    .sort(([a], [b]) => compareText(a, b))
    .map(([environment, o]) => {
      const hostname = serviceUrlHostname(o.url);
      const slo = objectivesOf(o.slo);
      const region = organisation?.environments[environment]?.region;
      const alarms = [...new Set((o.alarmNames ?? []).filter((name) => typeof name === 'string' && name.length > 0))].sort(compareText).map((name) => {
        const url = region && awsConsoleUrl(region, 'cloudwatch/home', `alarmsV2:alarm/${encodeURIComponent(name)}`);
        return url ? { name, url } : { name };
      });
      return { environment, ...(hostname ? { url: `https://${hostname}` } : {}), exposure: o.exposure!, ...(slo ? { slo } : {}), alarms };
    });
}
