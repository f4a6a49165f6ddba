// Synthetic Go toolchain archives shaped like official ones (top folder go/),
// small but big enough that faults land mid-stream.
import { mkdtemp, mkdir, writeFile, rm, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { c as tarCreate } from 'tar';

export interface FakeToolchainOptions {
  version: string; // 1.22.3
  os?: string;
  arch?: string;
  /** Incompressible payload spread over files under go/src (bytes). */
  payload?: number;
  files?: number;
}

/** go/bin/go is a sh script that answers `go version` like the real one. */
export async function fakeToolchainTarGz(o: FakeToolchainOptions): Promise<Buffer> {
  const dir = await mkdtemp(join(tmpdir(), 'govm-fake-'));
  try {
    const root = join(dir, 'go');
    await mkdir(join(root, 'bin'), { recursive: true });
    await mkdir(join(root, 'src', 'pkg'), { recursive: true });
    await writeFile(join(root, 'VERSION'), `go${o.version}\ntime 2024-01-01T00:00:00Z\n`);
    const goBin = join(root, 'bin', 'go');
    await writeFile(goBin, `#!/bin/sh\necho "go version go${o.version} ${o.os ?? 'linux'}/${o.arch ?? 'amd64'}"\n`);
    await chmod(goBin, 0o755);
    await writeFile(join(root, 'bin', 'gofmt'), '#!/bin/sh\necho gofmt\n', { mode: 0o755 });
    const files = o.files ?? 40;
    const each = Math.ceil((o.payload ?? 1_500_000) / files);
    for (let i = 0; i < files; i++) await writeFile(join(root, 'src', 'pkg', `f${i}.go`), randomBytes(each));
    const chunks: Buffer[] = [];
    const stream = tarCreate({ gzip: true, cwd: dir, portable: true }, ['go']);
    for await (const c of stream) chunks.push(c as Buffer);
    return Buffer.concat(chunks);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
