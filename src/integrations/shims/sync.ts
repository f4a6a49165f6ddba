// Keeps $GOVM_HOME/shims in step with the programs of installed versions.
// (Filled in by the switching work; the installer calls it after every change.)
import type { Layout } from '../../stores/home.js';

export async function syncShims(_layout: Layout, _platform: NodeJS.Platform): Promise<void> {}
