import { GroundworkError } from '../model/errors';

/** The check the workflow's build job reports, required on the default branch. */
export const CI_STATUS_CHECK = 'build';

/**
 * The vetted CI workflow every container golden-path repository gets (`.github/workflows/ci.yml`):
 * build and test on pull requests and pushes, and on main push the image to the organisation's
 * registry tagged with the commit. Least privilege (packages: write only on the push job), actions
 * pinned to commit SHAs, no untrusted expression inside `run:`. The platform team owns the file
 * through CODEOWNERS. The inputs are validated names (repository name, registry prefix), never
 * user free text.
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
    if: github.ref == 'refs/heads/main'
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
      - name: Push the image to the organisation's registry
        env:
          TOKEN: \${{ secrets.GITHUB_TOKEN }}
        run: |
          echo "$TOKEN" | docker login "$REGISTRY" --username "$GITHUB_ACTOR" --password-stdin
          docker build --tag "$IMAGE:$GITHUB_SHA" .
          docker push "$IMAGE:$GITHUB_SHA"
`;
}
