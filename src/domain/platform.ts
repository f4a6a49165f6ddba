// Node's platform/arch names → Go's GOOS/GOARCH, and official artifact names.
import { GovmError } from '../errors.js';
import type { GoVersion } from './version.js';

export interface GoPlatform {
  readonly os: string;
  readonly arch: string;
}

const OS: Record<string, string> = {
  win32: 'windows',
  darwin: 'darwin',
  linux: 'linux',
  freebsd: 'freebsd',
  openbsd: 'openbsd',
  netbsd: 'netbsd',
  aix: 'aix',
  sunos: 'solaris',
  android: 'android',
};

const ARCH: Record<string, string> = {
  x64: 'amd64',
  ia32: '386',
  arm: 'armv6l',
  arm64: 'arm64',
  ppc64: 'ppc64',
  s390x: 's390x',
  riscv64: 'riscv64',
  loong64: 'loong64',
  mips: 'mips',
  mipsel: 'mipsle',
};

/**
 * Maps Node's `process.platform`/`process.arch` to Go's names. Node says `ppc64`
 * for both byte orders, so the endianness decides `ppc64` vs `ppc64le`.
 */
export function goPlatformOf(platform: string, arch: string, endianness: 'LE' | 'BE' = 'LE'): GoPlatform {
  // Own properties only: `toString` or `constructor` must not look like a platform.
  const os = Object.hasOwn(OS, platform) ? OS[platform] : undefined;
  let goArch = Object.hasOwn(ARCH, arch) ? ARCH[arch] : undefined;
  if (arch === 'ppc64' && endianness === 'LE') goArch = 'ppc64le';
  if (!os || !goArch) {
    throw new GovmError('E_NO_ARTIFACT', `no Go release is built for ${platform}/${arch}`, {
      hint: 'pass --os and --arch to pick a platform explicitly',
    });
  }
  return { os, arch: goArch };
}

/** GOARCH as Go reports it (`armv6l` is an archive name; the GOARCH is `arm`). */
export const goarchOf = (arch: string): string => (arch.startsWith('armv6') ? 'arm' : arch);

export const archiveExtension = (os: string): 'zip' | 'tar.gz' => (os === 'windows' ? 'zip' : 'tar.gz');

export const exeSuffix = (os: string): string => (os === 'windows' ? '.exe' : '');

/** `go1.22.12.linux-amd64.tar.gz`, as on go.dev/dl. */
export function archiveFilename(v: GoVersion, p: GoPlatform): string {
  return `go${v.name}.${p.os}-${p.arch}.${archiveExtension(p.os)}`;
}

export function parsePlatform(s: string): GoPlatform {
  const m = /^([a-z0-9]+)\/([a-z0-9]+)$/.exec(s.trim());
  if (!m) throw new GovmError('E_USAGE', `malformed platform '${s}'`, { hint: 'write it as GOOS/GOARCH, e.g. linux/amd64' });
  return { os: m[1]!, arch: m[2]! };
}
