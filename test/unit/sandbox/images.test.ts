import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { expandTag, localImageKey, localImageRef, LOCAL_DOCKERFILE, LOCAL_RECIPE, officialImage } from '../../../src/integrations/engines/images.js';

test('official image names: exact patch release, variant, registry prefix', () => {
  const cases: [string, string | undefined, string, string][] = [
    ['1.22.12', undefined, '', 'golang:1.22.12'],
    ['1.22.12', 'alpine', '', 'golang:1.22.12-alpine'],
    ['1.22.12', '-bookworm', '', 'golang:1.22.12-bookworm'],
    ['1.21.13', undefined, 'mirror.gcr.io/library', 'mirror.gcr.io/library/golang:1.21.13'],
    ['1.21.13', 'bookworm', 'registry.corp:5000/hub/', 'registry.corp:5000/hub/golang:1.21.13-bookworm'],
  ];
  for (const [v, variant, reg, want] of cases) assert.equal(officialImage(v, variant, reg), want);
});

test('local image refs are stable per version and base', () => {
  assert.equal(localImageRef('1.22.12', 'debian:bookworm-slim'), 'govm-local/go:1.22.12-debian-bookworm-slim');
  assert.equal(localImageRef('1.22.12', 'registry.corp:5000/base/ubuntu:24.04'), 'govm-local/go:1.22.12-ubuntu-24.04');
  assert.match(localImageRef('1.22.12', `x:${'a'.repeat(300)}`), /^govm-local\/go:[a-z0-9_.-]{1,120}$/);
});

test('the content key changes with the version, the base image ID and the recipe, and only with them', () => {
  const k = localImageKey('1.22.12', 'sha256:aaa');
  assert.equal(k, `${LOCAL_RECIPE} go1.22.12 sha256:aaa`);
  assert.equal(localImageKey('1.22.12', 'sha256:aaa'), k);
  assert.notEqual(localImageKey('1.22.11', 'sha256:aaa'), k);
  assert.notEqual(localImageKey('1.22.12', 'sha256:bbb'), k);
  assert.notEqual(localImageKey('1.22.1', '2 sha256:aaa'), localImageKey('1.22.12', 'sha256:aaa'));
});

test('the recipe names this Dockerfile: a changed Dockerfile needs a new LOCAL_RECIPE', () => {
  const recorded: Record<string, string> = {
    'govm-local-image/v2': 'f8ac71b06afb0556037bb850f28a06d38c526c0dd2d53c74f92e4ff93b4391b4',
  };
  const digest = createHash('sha256').update(LOCAL_DOCKERFILE).digest('hex');
  assert.equal(recorded[LOCAL_RECIPE], digest, `LOCAL_DOCKERFILE changed: give LOCAL_RECIPE a new version and record ${digest} for it here`);
});

test('the Dockerfile needs no BuildKit and sets what the official image sets', () => {
  assert.doesNotMatch(LOCAL_DOCKERFILE, /--mount|# syntax=|--chmod|--link|<<EOF/);
  assert.match(LOCAL_DOCKERFILE, /^FROM \$\{BASE\}$/m);
  assert.match(LOCAL_DOCKERFILE, /COPY \. \/usr\/local\/go/);
  assert.match(LOCAL_DOCKERFILE, /GOTOOLCHAIN=local/);
  assert.match(LOCAL_DOCKERFILE, /GOPATH=\/go/);
  assert.match(LOCAL_DOCKERFILE, /PATH=\/go\/bin:\/usr\/local\/go\/bin:/);
});

test('tag templates: {version} {minor} {major}', () => {
  const cases: [string, string][] = [
    ['mygo:{version}-bookworm', 'mygo:1.22.12-bookworm'],
    ['reg.example/go:{minor}', 'reg.example/go:1.22'],
    ['go:{major}', 'go:1'],
    ['go:latest', 'go:latest'],
    ['go:{version}-{minor}', 'go:1.22.12-1.22'],
  ];
  for (const [tpl, want] of cases) assert.equal(expandTag(tpl, '1.22.12'), want);
});
