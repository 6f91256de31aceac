import { compareText } from '../../model/stable-json';
import { containers } from '../terraform/kubernetes-pods';
import { WORKLOAD_TYPES } from '../resource-types/tables';
import { literal, ResourceRecord } from '../terraform/resource-index';

/** A version a service's workloads start running in the pull request, whose image its repository's CI builds from a tag. */
export interface ImageToBuild {
  readonly service: string;
  /** repository:version, as the workloads name it. */
  readonly image: string;
  readonly version: string;
}

const WORKLOADS = new Set(WORKLOAD_TYPES);

/**
 * Service images (`<registry>/<service>:<version>`, the ones the service repository's CI pushes
 * from tag `v<version>`) that the head's workloads run and the base's do not. Whether the image
 * exists cannot be known offline: the comment says which tag builds it.
 */
export function imagesToBuild(base: readonly ResourceRecord[], head: readonly ResourceRecord[]): ImageToBuild[] {
  const images = (records: readonly ResourceRecord[]) =>
    records.filter((r) => WORKLOADS.has(r.type)).flatMap((r) => containers(r).map((c) => ({ service: r.tags.service, image: literal(c.image) })));
  const before = new Set(images(base).map((i) => i.image));
  const found = new Map<string, ImageToBuild>();
  for (const { service, image } of images(head)) {
    if (!service || !image || before.has(image) || image.includes('@')) continue;
    const match = /^(.+\/([^/:]+)):([A-Za-z0-9_][A-Za-z0-9._-]{0,127})$/.exec(image);
    // Only the service's own image: third-party images are not built by its repository.
    if (match && match[2] === service) found.set(image, { service, image, version: match[3] });
  }
  return [...found.values()].sort((a, b) => compareText(a.image, b.image));
}

/** The comment's section for them (none when there are none), outside any collapsed block. */
export function imagesToBuildLines(images: readonly ImageToBuild[] | undefined, escape: (text: string) => string): string[] {
  if (!images?.length) return [];
  return ['### Images to build', '', ...images.map((i) => `- image ${escape(i.image)} is built when tag v${escape(i.version)} is pushed (repository ${escape(i.service)}); until then the deploy has no image to run.`), ''];
}
