import { GroundworkError } from '../model/errors';

/** The check the workflow's build job reports, required on the default branch. */
export const CI_STATUS_CHECK = 'build';

/**
 * The vetted CI workflow every container golden-path repository gets (`.github/workflows/ci.yml`):
 * build and test on pull requests and pushes to main; on a version tag `v<version>`, push the
 * image `:<version>` (the tag a service's `version` prop deploys), once, and record its digest in
 * the run's summary, so a version in a service file names an image that exists. Least privilege
 * (packages: write only on the push job), actions pinned to commit SHAs, no untrusted expression
 * inside `run:`. The platform team owns the file through CODEOWNERS. The inputs are validated
 * names (repository name, registry prefix), never user free text.
 */
export function serviceCiWorkflow(imageRepository: string, where: string): string {
  if (!/^[a-z0-9.-]+(:[0-9]+)?(\/[a-z0-9._-]+)+$/.test(imageRepository)) {
    throw new GroundworkError(`${where}: the CI workflow's image "${imageRepository}" is not an image repository such as ghcr.io/acme/checkout (lowercase registry host and path; check containerRegistry in the settings).`);
  }
  const registryHost = imageRepository.split('/')[0];
  return `# Managed by Groundwork (owned by the platform team): changes come from the platform's template.
name: ci

on:
  pull_request:
  push:
    branches: [main]
    tags: ['v*']

permissions:
  contents: read

jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2
        with:
          persist-credentials: false
      - name: Build and test
        run: docker build --target test .

  push:
    needs: build
    if: startsWith(github.ref, 'refs/tags/v')
    runs-on: ubuntu-latest
    permissions:
      contents: read
      packages: write
    env:
      IMAGE: ${imageRepository}
      REGISTRY: ${registryHost}
    steps:
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2
        with:
          persist-credentials: false
      - name: Push the image of version tag v<version> as :<version>, once, and record its digest
        env:
          TOKEN: \${{ secrets.GITHUB_TOKEN }}
        run: |
          version="\${GITHUB_REF_NAME#v}"
          if ! printf '%s' "$version" | grep -Eq '^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$' || [ "$version" = latest ]; then
            echo "::error::tag $GITHUB_REF_NAME does not name a version: v<version>, where <version> is an image tag other than latest"
            exit 1
          fi
          echo "$TOKEN" | docker login "$REGISTRY" --username "$GITHUB_ACTOR" --password-stdin
          if docker manifest inspect "$IMAGE:$version" >/dev/null 2>&1; then
            echo "::error::$IMAGE:$version exists already: a version's image is never replaced; tag a new version"
            exit 1
          fi
          docker build --tag "$IMAGE:$version" --label "org.opencontainers.image.revision=$GITHUB_SHA" .
          docker push "$IMAGE:$version"
          digest=$(docker inspect --format '{{index .RepoDigests 0}}' "$IMAGE:$version")
          echo "Pushed $IMAGE:$version as $digest from $GITHUB_SHA" >> "$GITHUB_STEP_SUMMARY"
`;
}
