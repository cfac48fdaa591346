// `kubectl exec` in a running container (the kubelet's exec endpoint; containerd runs the process): the command
// runs through the same interpreter as the container's own command, in the container's files and environment,
// to its end at the current instant. A program the image lacks is the runtime's error; one kspec cannot run says so.
import type { ApiServer } from '../../apiserver/apiserver';
import type { KObject } from '../../api/meta';
import type { ContainerRecord } from '../container';
import type { ContainerFiles } from './fs';
import type { NetAccess } from './host';
import { lookupCommand } from './builtins';
import { containerHost, processEnv, runToEnd } from './container';

export interface ExecRequest {
  api: ApiServer;
  pod: KObject;
  /** the container's spec and the runtime's record of it */
  container: any;
  record: ContainerRecord;
  podIP?: string;
  files?: ContainerFiles;
  net?: NetAccess;
  argv: string[];
  stdin?: string;
}
export interface ExecResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** The command is not in the image: the runtime's error, which kubectl prints as an internal error. */
export class ExecNotFound extends Error {
  constructor(
    readonly command: string,
    containerID: string,
  ) {
    super(
      `Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "${containerID.replace(/^containerd:\/\//, '')}": OCI runtime exec failed: exec failed: unable to start container process: exec: "${command}": executable file not found in $PATH: unknown`,
    );
  }
}

/** kspec does not know the program: neither the image's answer nor a guess, but this. */
export class ExecUnsupported extends Error {}

export function runExec(req: ExecRequest): ExecResult {
  const host = containerHost(req.api, req.pod, req.container, req.podIP, req.files, req.net);
  const found = lookupCommand(host, req.argv[0]);
  if (found === null) throw new ExecNotFound(req.argv[0], req.record.containerID ?? '');
  if (found === undefined)
    throw new ExecUnsupported(
      `kspec cannot run "${req.argv[0]}" in container ${req.container.name}: the model does not know this program (see docs/image-behaviours.md)`,
    );
  const r = runToEnd(req.argv, host, processEnv(req.pod, req.record.env), req.api.clock.now(), { stdin: req.stdin });
  if (r.unsupported) throw new ExecUnsupported(r.unsupported.message);
  return r;
}
