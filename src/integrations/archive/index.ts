// Safe extraction of Go toolchain archives (tar.gz streamed, zip from disk).
export { createTarGzExtractor, type ExtractOptions, type ExtractResult } from './tar.js';
export { extractZip, extractArchive } from './zip.js';
export { EntryPolicy, splitEntryPath, resolveLinkTarget, normaliseMode, type ArchiveEntry, type AcceptedEntry } from './entry-policy.js';
