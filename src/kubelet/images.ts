// Image behaviours: containers do not run; what an image does is declared by the scenario. The default image
// is present in the registry, starts at once, keeps running and passes every probe.
// Also the runtime's view of an image: its fully qualified reference and a deterministic digest and size.
import { hexFrom } from './node';
import { fnv1a32 } from '../runtime/random';

export interface ImageBehaviour {
  /** exits with this code exitAfterMs after each start (undefined: keeps running) */
  exitCode?: number;
  exitAfterMs?: number;
  /** time from start to running */
  startDelayMs?: number;
  pullable?: boolean;
  private?: boolean;
  failsReadiness?: boolean;
  failsLiveness?: boolean;
}

const SUPPORTED = new Set(['exitCode', 'exitAfterMs', 'startDelayMs']);

export class ImageBehaviours {
  private byImage = new Map<string, ImageBehaviour>();

  set(image: string, b: Partial<ImageBehaviour>): void {
    for (const [k, v] of Object.entries(b)) {
      if (v === undefined || SUPPORTED.has(k)) continue;
      if (k === 'pullable' && v === true) continue;
      if ((k === 'private' || k === 'failsReadiness' || k === 'failsLiveness') && v === false) continue;
      throw new Error(`not supported yet: ${k}`);
    }
    this.byImage.set(image, { ...this.byImage.get(image), ...b });
  }

  get(image: string): ImageBehaviour { return this.byImage.get(image) ?? {}; }
}

/** The reference as containerd reports it: `nginx:1.25` -> `docker.io/library/nginx:1.25` (docker/distribution reference.ParseNormalizedNamed). */
export function normalizeImage(image: string): string {
  let name = image, suffix = '';
  const at = name.indexOf('@');
  if (at >= 0) { suffix = name.slice(at); name = name.slice(0, at); }
  const slash = name.indexOf('/');
  const first = slash < 0 ? '' : name.slice(0, slash);
  let domain = 'docker.io', path = name;
  if (slash >= 0 && (first.includes('.') || first.includes(':') || first === 'localhost')) { domain = first; path = name.slice(slash + 1); }
  if (domain === 'docker.io' && !path.includes('/')) path = `library/${path}`;
  const lastSlash = path.lastIndexOf('/');
  if (!suffix && !path.slice(lastSlash + 1).includes(':')) path += ':latest';
  return `${domain}/${path}${suffix}`;
}

/** `docker.io/library/nginx@sha256:<64 hex>`: the repository with a digest derived from the reference. */
export function imageID(image: string): string {
  const full = normalizeImage(image);
  if (full.includes('@')) return full;
  const repo = full.replace(/:[^:/]+$/, '');
  return `${repo}@sha256:${hexFrom(`image/${full}`, 64)}`;
}

/** A plausible compressed size in bytes, fixed per image. */
export function imageSize(image: string): number { return 20_000_000 + (fnv1a32(normalizeImage(image)) % 180_000_000); }
