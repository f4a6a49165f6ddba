// `govm sandbox run|shell|image build`: Go in a container pinned to one version.
import type { Command } from 'commander';
import type { Context } from '../context.js';

const collect = (v: string, prev: string[] = []): string[] => [...prev, v];

export interface SandboxFlags {
  go?: string;
  engine?: string;
  local?: boolean;
  base?: string;
  variant?: string;
  env?: string[];
  cpus?: string;
  memory?: string;
  pidsLimit?: string;
  network?: string;
  readOnlySrc?: boolean;
  user?: string;
}

/** The flags `sandbox run`, `sandbox shell` and `matrix --sandbox` share. */
export function sandboxFlags(cmd: Command, withGo = true): Command {
  if (withGo) cmd.option('--go <spec>', 'Go version (default: the one resolved here, as `govm current`)');
  return cmd
    .option('--engine <name>', 'container engine: docker, podman, auto, or a path (GOVM_CONTAINER_ENGINE)')
    .option('--local', 'build the image from the toolchain installed on the host (no registry needed)')
    .option('--base <image>', 'base image for --local (GOVM_SANDBOX_BASE, default debian:bookworm-slim)')
    .option('--variant <name>', 'official image variant: bookworm, alpine… (golang:<X.Y.Z>-<variant>)')
    .option('-e, --env <KEY[=VALUE]>', 'set a variable in the sandbox (repeatable; KEY alone passes the host value)', collect)
    .option('--cpus <n>', 'CPU limit, e.g. 2 or 1.5')
    .option('--memory <size>', 'memory limit, e.g. 2g')
    .option('--pids-limit <n>', 'process limit')
    .option('--network <name>', 'container network: none, bridge, host…')
    .option('--read-only-src', 'mount the project read-only')
    .option('--user <uid:gid>', 'run as this uid:gid instead of the host user');
}

export function register(program: Command, ctx: Context): void {
  const sandbox = program
    .command('sandbox')
    .description('run Go commands in a container pinned to an exact Go version, the project mounted');

  const io = () => ({ stdinIsTTY: Boolean(process.stdin.isTTY), stdoutIsTTY: Boolean(process.stdout.isTTY) });

  sandboxFlags(
    sandbox
      .command('run')
      .usage('[options] -- <command> [args…]')
      .description('run one command in a sandbox; exits with its exit code')
      .argument('<command...>', 'the command (after --)'),
  ).action(async (command: string[], opts: SandboxFlags) => {
    const { sandboxRun } = await import('../services/sandbox/run.js');
    process.exitCode = await sandboxRun(ctx, opts, command, io());
  });

  sandboxFlags(
    sandbox
      .command('shell')
      .description('an interactive shell in a sandbox')
      .argument('[version]', 'Go version (default: the one resolved here)'),
    false,
  ).action(async (version: string | undefined, opts: SandboxFlags) => {
    const { sandboxShell } = await import('../services/sandbox/run.js');
    process.exitCode = await sandboxShell(ctx, { ...opts, go: version }, io());
  });

  const image = sandbox.command('image').description('sandbox images');
  image
    .command('build')
    .description('build local images from installed toolchains (installed on demand), tag and push them')
    .argument('[versions...]', 'Go versions (default: the one resolved here)')
    .option('-t, --tag <template>', "tag to apply, with {version} {minor} {major} placeholders (repeatable), e.g. 'mygo:{version}-bookworm'", collect)
    .option('--base <image>', 'base image (GOVM_SANDBOX_BASE, default debian:bookworm-slim)')
    .option('--engine <name>', 'container engine: docker, podman, auto, or a path')
    .option('--push', 'push the tags')
    .option('--json', 'print results as JSON')
    .action(async (versions: string[], opts: { tag?: string[]; base?: string; engine?: string; push?: boolean; json?: boolean }) => {
      const { GovmError } = await import('../errors.js');
      if (opts.push && !opts.tag?.length) throw new GovmError('E_USAGE', '--push needs --tag', { hint: "e.g. --tag 'registry.example.com/go:{version}' --push" });
      const { imageBuild } = await import('../services/sandbox/image-build.js');
      const results = await imageBuild(ctx, versions, opts);
      if (opts.json) return ctx.out.json(results);
      for (const r of results) {
        ctx.out.print(`${r.version}\t${r.image}\t${r.built ? 'built' : 'cached'}${r.tags.length ? `\t${r.tags.join(' ')}${r.pushed ? ' (pushed)' : ''}` : ''}`);
      }
    });
}
