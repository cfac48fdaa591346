// The image registry and what each image does (image behaviours), declared by the scenario over what its command
// would do (a container's command runs in src/kubelet/runtime when no behaviour says how the container exits or
// that it keeps running). The default image is present in the registry, starts at once, passes every probe and,
// without a command kspec can run, keeps running. A pod may override its containers' behaviour with the
// annotation `behaviour.kspec.io/<container>` (see docs/image-behaviours.md).
// Also the registry's view of an image: its fully qualified reference and a deterministic digest and size.
import { Rng, fnv1a32 } from '../runtime/random';
import { parseDuration } from '../runtime/duration';
import { parseQuantity } from '../api/quantity';

export interface ImageBehaviour {
  /** the image's program runs until stopped, whatever the pod's command says (`keeps running`) */
  keepsRunning?: boolean;
  /** exits with this code exitAfterMs after each start (undefined: keeps running) */
  exitCode?: number;
  exitAfterMs?: number;
  /** the exit is an out-of-memory kill: reason OOMKilled, exit code 137 */
  oomKilled?: boolean;
  /** time from start to running */
  startDelayMs?: number;
  /** false: the registry does not have it (ErrImagePull, ImagePullBackOff) */
  pullable?: boolean;
  /** pulls only with a dockerconfigjson pull secret naming its registry */
  private?: boolean;
  failsReadiness?: boolean;
  failsLiveness?: boolean;
  failsStartup?: boolean;
  /** lines each start of a container writes to its log */
  logs?: string[];
  /** files each start of a container writes (into its volumes or its own layer) */
  writes?: { path: string; content: string }[];
  /** files the image itself holds: in each new container's own layer from the start (a volume mounted over them hides them) */
  contains?: { path: string; content: string }[];
  /** the image's size in bytes once pulled (default: imageSize, fixed per image) */
  sizeBytes?: number;
  /** directories on its volumes whose contents each start of a container deletes (the recycler's scrub) */
  empties?: string[];
  /** nodes that have the image before any pod pulls it (preloaded, `kind load`, an air-gapped node); '*': every node */
  presentOn?: string[];
}

export const BEHAVIOUR_ANNOTATION = 'behaviour.kspec.io/';

export class ImageBehaviours {
  private byImage = new Map<string, ImageBehaviour>();

  set(image: string, b: Partial<ImageBehaviour>): void {
    const old = this.byImage.get(image);
    const writes = old?.writes && b.writes ? [...old.writes, ...b.writes] : (b.writes ?? old?.writes);
    const contains = old?.contains && b.contains ? [...old.contains, ...b.contains] : (b.contains ?? old?.contains);
    const presentOn =
      old?.presentOn && b.presentOn ? [...old.presentOn, ...b.presentOn] : (b.presentOn ?? old?.presentOn);
    this.byImage.set(image, {
      ...old,
      ...b,
      ...(writes ? { writes } : {}),
      ...(contains ? { contains } : {}),
      ...(presentOn ? { presentOn } : {}),
    });
  }

  get(image: string): ImageBehaviour {
    return this.byImage.get(image) ?? {};
  }

  /** The images already present on a node before any pull. */
  presentOn(node: string): string[] {
    return [...this.byImage]
      .filter(([, b]) => b.presentOn?.some((n) => n === '*' || n === node))
      .map(([image]) => image);
  }

  /** The image's behaviour with the pod's per-container annotation on top; throws on an unreadable annotation. */
  forContainer(
    pod: { metadata: { annotations?: Record<string, string> } },
    container: { name: string; image?: string },
  ): ImageBehaviour {
    const base = this.get(container.image ?? '');
    const text = pod.metadata.annotations?.[BEHAVIOUR_ANNOTATION + container.name];
    return text === undefined ? base : { ...base, ...parseBehaviour(text) };
  }
}

/**
 * The vocabulary's image phrases without `the image "x"`, separated by `;` or new lines, e.g.
 * `exits with code 2 after 30s; fails its readiness probe`; `logs:` then the log lines, one a line, to the end.
 */
export function parseBehaviour(text: string): ImageBehaviour {
  const b: ImageBehaviour = {};
  const lines = text.split('\n');
  const logsAt = lines.findIndex((l) => /^\s*logs:/.test(l));
  if (logsAt >= 0) {
    const first = lines[logsAt].replace(/^\s*logs:\s*/, '');
    b.logs = [...(first ? [first] : []), ...lines.slice(logsAt + 1)];
  }
  const phrases = (logsAt >= 0 ? lines.slice(0, logsAt) : lines)
    .join(';')
    .split(';')
    .map((p) => p.trim())
    .filter(Boolean);
  for (const p of phrases) {
    let m: RegExpExecArray | null;
    if (p === 'crashes on start') Object.assign(b, { exitCode: 1, exitAfterMs: 0 });
    else if (p === 'keeps running') b.keepsRunning = true;
    else if ((m = /^exits with code (\d+) after (.+)$/.exec(p)))
      Object.assign(b, { exitCode: Number(m[1]), exitAfterMs: parseDuration(m[2]) });
    else if ((m = /^is OOM killed after (.+)$/.exec(p)))
      Object.assign(b, { exitCode: 137, exitAfterMs: parseDuration(m[1]), oomKilled: true });
    else if ((m = /^takes (.+) to start$/.exec(p))) b.startDelayMs = parseDuration(m[1]);
    else if (p === 'cannot be pulled') b.pullable = false;
    else if (p === 'is private') b.private = true;
    else if (p === 'fails its readiness probe') b.failsReadiness = true;
    else if (p === 'fails its liveness probe') b.failsLiveness = true;
    else if (p === 'fails its startup probe') b.failsStartup = true;
    else if ((m = /^has size (\S+)$/.exec(p))) b.sizeBytes = imageSizeBytes(m[1]);
    else if ((m = /^writes the file "([^"]+)"(?: with "([^"]*)")?$/.exec(p)))
      b.writes = [...(b.writes ?? []), { path: m[1], content: m[2] ?? '' }];
    else if ((m = /^contains the file "([^"]+)"(?: with "([^"]*)")?$/.exec(p)))
      b.contains = [...(b.contains ?? []), { path: m[1], content: m[2] ?? '' }];
    else throw new Error(`unknown image behaviour "${p}"`);
  }
  return b;
}

/** The reference as containerd reports it: `nginx:1.25` -> `docker.io/library/nginx:1.25` (docker/distribution reference.ParseNormalizedNamed). */
export function normalizeImage(image: string): string {
  let name = image,
    suffix = '';
  const at = name.indexOf('@');
  if (at >= 0) {
    suffix = name.slice(at);
    name = name.slice(0, at);
  }
  const slash = name.indexOf('/');
  const first = slash < 0 ? '' : name.slice(0, slash);
  let domain = 'docker.io',
    path = name;
  if (slash >= 0 && (first.includes('.') || first.includes(':') || first === 'localhost')) {
    domain = first;
    path = name.slice(slash + 1);
  }
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
  return `${repo}@sha256:${new Rng(`image/${full}`).hex(64)}`;
}

/** A plausible compressed size in bytes, fixed per image. */
export function imageSize(image: string): number {
  return 20_000_000 + (fnv1a32(normalizeImage(image)) % 180_000_000);
}

/** A declared image size: a quantity (`800Mi`, `1.5G`, `123456789`) as whole bytes. */
export function imageSizeBytes(size: string): number {
  const n = parseQuantity(size);
  if (!(n > 0)) throw new Error(`image size must be positive: ${size}`);
  return Math.round(n);
}
