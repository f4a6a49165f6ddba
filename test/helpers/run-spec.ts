// The container description the sandbox argument tests start from.
import type { RunSpec } from '../../src/integrations/engines/run-args.js';

export const BASE_SPEC: RunSpec = {
  engine: 'docker',
  name: 'govm-run-1.22.12-abc123',
  image: 'golang:1.22.12',
  projectRoot: '/home/u/proj',
  workdir: 'cmd/tool',
  user: '1000:1000',
  modCache: '/home/u/.govm/cache/go-mod',
  buildCache: '/home/u/.govm/cache/go-build/1.22.12',
  env: { HOME: '/home/govm', GOTOOLCHAIN: 'local' },
  command: ['go', 'test', './...'],
};
