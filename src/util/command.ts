// What running a command line gives back, whoever runs it (kubectl, a command on a node, a container's exec).

export interface CommandResult {
  command: string;
  stdout: string;
  stderr: string;
  exitCode: number;
}
