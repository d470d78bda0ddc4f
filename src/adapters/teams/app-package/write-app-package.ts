import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { buildTeamsManifest } from './build-manifest.js';

export interface WriteAppPackageInput {
  manifestDir: string;
  outFile: string;
  appId: string;
  publicUrl: string;
  linkHosts: readonly string[];
}

/** Writes the Teams app package (manifest.json, color.png, outline.png) as a zip; returns its path or why not. */
export function writeAppPackage(
  input: WriteAppPackageInput,
): { ok: true; file: string; manifest: Record<string, unknown> } | { ok: false; error: string } {
  const template: unknown = JSON.parse(readFileSync(join(input.manifestDir, 'manifest.json'), 'utf8'));
  const built = buildTeamsManifest({
    template,
    appId: input.appId,
    publicUrl: input.publicUrl,
    linkHosts: input.linkHosts,
  });
  if (!built.ok) return built;
  const zip = zipSync({
    'manifest.json': strToU8(JSON.stringify(built.manifest, null, 2)),
    'color.png': new Uint8Array(readFileSync(join(input.manifestDir, 'color.png'))),
    'outline.png': new Uint8Array(readFileSync(join(input.manifestDir, 'outline.png'))),
  });
  mkdirSync(dirname(input.outFile), { recursive: true });
  writeFileSync(input.outFile, zip);
  return { ok: true, file: input.outFile, manifest: built.manifest };
}
