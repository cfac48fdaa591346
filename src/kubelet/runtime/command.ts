// The command line a container runs (pkg/kubelet/container/helpers.go ExpandContainerCommandAndArgs, then the
// runtime's merge with the image config): `$(VAR)` in command and args expanded from the container's environment
// (`$$` escapes, an unknown name stays as written: third_party/forked/golang/expansion), then
//   command and args given   -> command + args
//   command only             -> command (the image's CMD is dropped)
//   args only                -> image ENTRYPOINT + args
//   neither                  -> image ENTRYPOINT + CMD
// (https://kubernetes.io/docs/tasks/inject-data-application/define-command-argument-container/#notes).
import { expand, type EnvVar } from '../env';
import type { ImageConfig } from './image-config';

/** ExpandContainerCommandAndArgs. */
export function expandCommandAndArgs(
  container: { command?: string[]; args?: string[] },
  env: EnvVar[],
): { command: string[]; args: string[] } {
  const vars = new Map<string, string>();
  for (const e of env) vars.set(e.name, e.value);
  const mapping = (name: string) => vars.get(name);
  return {
    command: (container.command ?? []).map((c) => expand(c, mapping)),
    args: (container.args ?? []).map((a) => expand(a, mapping)),
  };
}

/** The argv the container's PID 1 runs; undefined when neither the pod nor a known image config gives one. */
export function containerArgv(
  container: { command?: string[]; args?: string[] },
  env: EnvVar[],
  image: ImageConfig | undefined,
): string[] | undefined {
  const { command, args } = expandCommandAndArgs(container, env);
  if (command.length) return [...command, ...args];
  // an image kspec does not know has an ENTRYPOINT kspec does not know either
  if (!image) return undefined;
  const entrypoint = image.entrypoint ?? [];
  const argv = args.length ? [...entrypoint, ...args] : [...entrypoint, ...(image.cmd ?? [])];
  return argv.length ? argv : undefined;
}
