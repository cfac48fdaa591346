// The programs an image has, as kspec runs them: busybox applets and coreutils, one file per family. A command
// is a function of its arguments, streams and environment that returns its exit status, or a generator when it
// waits on the virtual clock (sleep). lookupCommand says null for a program the image is known to lack (busybox
// has no bash or curl: `sh: curl: not found`) and undefined for one kspec does not know (unsupported).
import type { Shell } from '../interpreter';
import type { Host } from '../host';
import type { Step } from '../process';
import type { Stream } from '../stream';
import { FILE_COMMANDS } from './files';
import { TEXT_COMMANDS } from './text';
import { PROCESS_COMMANDS } from './proc';
import { NET_COMMANDS } from './net';
import { MATH_COMMANDS } from './math';
import { TEST_COMMANDS } from './test';
import { SHELL_COMMANDS, scriptFile } from './shell';
import { NOT_BUSYBOX_SERVERS, SERVER_COMMANDS } from './servers';

/**
 * A command's standard streams: stdin a Stream (a pipe, the container's stdin, a file's text), stdout and stderr
 * functions; `sink` is the pipe stdout writes into, when it is one (a writer that filled it waits).
 */
export interface Io {
  stdin: Stream;
  out: (s: string) => void;
  err: (s: string) => void;
  sink?: Stream /** ends a redirection */;
  close?: () => void;
}
export interface Ctx {
  sh: Shell;
  argv: string[];
  io: Io;
  env: Map<string, string>;
}
export type Builtin = (c: Ctx) => number | Step;

/** Commands kspec has that a busybox image does not. */
const NOT_BUSYBOX_COMMANDS = new Set(['bash', 'curl', 'perl', ...NOT_BUSYBOX_SERVERS]);

export const COMMANDS: Record<string, Builtin> = {
  ...FILE_COMMANDS,
  ...TEXT_COMMANDS,
  ...PROCESS_COMMANDS,
  ...NET_COMMANDS,
  ...MATH_COMMANDS,
  ...TEST_COMMANDS,
  ...SHELL_COMMANDS,
  ...SERVER_COMMANDS,
};

/**
 * busybox's applets that kspec does not run (a busybox image has them: unsupported, not "not found"). Any other
 * program is not in a busybox image: `sh: curl: not found`, as busybox and alpine have no bash, curl or perl.
 */
const BUSYBOX_APPLETS = new Set(
  (
    'addgroup adduser arp awk base64 blkid bunzip2 bzcat chgrp chroot cksum clear cmp comm crond crontab cut dd df diff ' +
    'dmesg dnsdomainname du egrep expand expr fgrep find flock fold free fsync fuser getopt gunzip gzip hd hexdump httpd ' +
    'ifconfig install ip ipcalc kill killall less ln logger lsof md5sum mkfifo mknod mktemp more mount nc netstat nice ' +
    'nl nohup nproc od passwd paste pgrep pidof ping ping6 pkill ps readlink realpath renice rev route sed setsid ' +
    'sha1sum sha256sum sha512sum shuf sort split stat strings stty su sync sysctl tac tar telnet time timeout top tr ' +
    'traceroute truncate tty umount uname uniq unzip uptime usleep uuencode vi watch which xargs zcat'
  ).split(' '),
);
const BIN_DIRS = ['/bin', '/sbin', '/usr/bin', '/usr/sbin', '/usr/local/bin', '/usr/local/sbin'];

/** The command for a name or a path in the image's PATH: null when the image lacks it, undefined when kspec does not know it. */
export function lookupCommand(host: Host, name: string): Builtin | null | undefined {
  let base = name;
  if (name.includes('/')) {
    const dir = name.slice(0, name.lastIndexOf('/')) || '/';
    const server = SERVER_COMMANDS[name.slice(name.lastIndexOf('/') + 1)];
    if (server && host.fs.kind(name) !== 'file') return server;
    if (!BIN_DIRS.includes(dir)) return host.fs.kind(name) === 'file' ? scriptFile : undefined;
    base = name.slice(name.lastIndexOf('/') + 1);
  }
  if (Object.hasOwn(COMMANDS, base) && !(host.flavour === 'busybox' && NOT_BUSYBOX_COMMANDS.has(base)))
    return COMMANDS[base];
  return host.flavour === 'busybox' && !BUSYBOX_APPLETS.has(base) ? null : undefined;
}

/** Whether kspec can run the program (for the check of a script's words before the container starts). */
export function knownCommand(host: Host, name: string): boolean {
  return lookupCommand(host, name) !== undefined;
}
