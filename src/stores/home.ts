// The GOVM_HOME layout. Every path govm writes is named here.
//
//   $GOVM_HOME/
//     versions/<name>/      complete GOROOTs (bin/go runs); only finished installs live here
//     shims/                go, gofmt, … (POSIX sh) or *.cmd (Windows)
//     version               the global default spec (one line)
//     config.json           settings (see stores/config.ts)
//     cache/downloads/      verified archives, named as on go.dev; `*.part` while downloading
//     cache/index/          the release index and its HTTP validators
//     cache/go-mod/         GOMODCACHE shared by sandboxes; cache/go-build/<version>/ per version
//     cache/sandbox-images.json  images sandboxes ran on, per engine (a hint: see stores/seen-images.ts)
//     cache/v8/             V8 code cache of the launcher's fast paths (see stores/code-cache.ts)
//     tmp/                  staging folders and locks; leftovers are cleaned on the next run
import { join, win32 } from 'node:path';

export interface HomeEnv {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly platform: NodeJS.Platform;
  readonly homedir: string;
}

export function resolveHome({ env, platform, homedir }: HomeEnv): string {
  if (env.GOVM_HOME) return env.GOVM_HOME;
  if (platform === 'win32') {
    const base = env.LOCALAPPDATA || win32.join(homedir, 'AppData', 'Local');
    return win32.join(base, 'govm');
  }
  return join(homedir, '.govm');
}

export class Layout {
  constructor(readonly root: string) {}
  get versions(): string { return join(this.root, 'versions'); }
  version(name: string): string { return join(this.versions, name); }
  get shims(): string { return join(this.root, 'shims'); }
  get globalFile(): string { return join(this.root, 'version'); }
  get configFile(): string { return join(this.root, 'config.json'); }
  get cache(): string { return join(this.root, 'cache'); }
  get downloads(): string { return join(this.cache, 'downloads'); }
  download(filename: string): string { return join(this.downloads, filename); }
  get indexCache(): string { return join(this.cache, 'index'); }
  get codeCache(): string { return join(this.cache, 'v8'); }
  get modCache(): string { return join(this.cache, 'go-mod'); }
  buildCache(version: string): string { return join(this.cache, 'go-build', version); }
  get seenImages(): string { return join(this.cache, 'sandbox-images.json'); }
  get tmp(): string { return join(this.root, 'tmp'); }
  lockTarget(key: string): string { return join(this.tmp, `${key}.lock-target`); }
}
