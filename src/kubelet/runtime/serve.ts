// How a pod answers an HTTP request that reached it (wget and curl in another pod): the container whose server
// listens on the port serves the file under its document root (nginx's /usr/share/nginx/html, which an emptyDir
// another container writes may cover). A pod whose containers all run commands kspec interprets, none of them a
// server on that port, refuses the connection; a container kspec does not run (an unknown image) answers 200
// with an empty body, since what it would say is not known.
import type { ContainerRecord } from '../container';
import type { Host } from './host';
import { SERVERS } from './builtins/servers';
import { absPath } from './fs';

export type Answer = { status: number; body: string } | { refused: true };

export function answer(containers: { record: ContainerRecord; host: Host }[], port: number, path: string): Answer {
  let opaque = false;
  for (const { record, host } of containers) {
    const p = record.proc;
    if (!p || !p.running) { if (!p && record.startedAt !== undefined && !record.terminated) opaque = true; continue; }
    if (p.stopped) { opaque = true; continue; }
    for (const name of p.serving) {
      const server = SERVERS[name];
      if (!server?.ports.includes(port)) continue;
      if (!server.docroot) return { status: 200, body: '' };
      let file = absPath(path.replace(/[?#].*$/, '') || '/', server.docroot === '/' ? '/' : '/').slice(1);
      let full = absPath(file, server.docroot);
      if (host.fs.kind(full) === 'dir') full = absPath('index.html', full);
      const r = host.fs.read(full);
      file = full;
      return r.ok ? { status: 200, body: r.content } : { status: 404, body: '' };
    }
  }
  return opaque ? { status: 200, body: '' } : { refused: true };
}
