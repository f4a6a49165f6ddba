// `govm sandbox image build VERSION… [--tag TEMPLATE] [--base IMAGE] [--push]`:
// local images from installed toolchains (installed on demand), tagged and
// optionally pushed.
import type { Context } from '../../context.js';
import { expandTag, pushImage, tagImage } from '../../integrations/engines/images.js';
import { loadSettings } from '../../stores/config.js';
import { chooseVersion, engineFor, imageFor, type SandboxOptions } from './prepare.js';

export interface ImageBuildOptions extends SandboxOptions {
  tag?: string[] | undefined;
  push?: boolean | undefined;
}

export interface BuiltImage {
  version: string;
  image: string;
  built: boolean;
  tags: string[];
  pushed: boolean;
}

export async function imageBuild(ctx: Context, versions: readonly string[], opts: ImageBuildOptions): Promise<BuiltImage[]> {
  const settings = await loadSettings(ctx);
  const engine = engineFor(ctx, settings, opts);
  const out: BuiltImage[] = [];
  const specs = versions.length > 0 ? versions : [undefined];
  for (const spec of specs) {
    const v = await chooseVersion(ctx, spec, true);
    const img = await imageFor(ctx, engine, settings, { ...opts, local: true }, v);
    const tags = [...new Set((opts.tag ?? []).map((t) => expandTag(t, v.name)))];
    for (const t of tags) await tagImage(engine, img.ref, t);
    if (opts.push) {
      for (const t of tags) {
        ctx.out.info(`pushing ${t}…`);
        await pushImage(engine, t);
      }
    }
    out.push({ version: v.name, image: img.ref, built: img.built, tags, pushed: Boolean(opts.push && tags.length > 0) });
  }
  return out;
}
