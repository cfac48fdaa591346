// busybox's nslookup inside a container, resolving through the pod's /etc/resolv.conf (src/network/dns).
// busybox 1.28 and older (the image the Kubernetes DNS-debugging docs use) resolve with the libc resolver and
// print each address with its reverse name:
//   Server:    10.96.0.10
//   Address 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local
//
//   Name:      web
//   Address 1: 10.96.12.34 web.default.svc.cluster.local
// and `nslookup: can't resolve 'x'` on failure. Later busybox sends its own queries and prints the replies:
//   Server:		10.96.0.10
//   Address:	10.96.0.10:53
//
//   Name:	web.default.svc.cluster.local
//   Address: 10.96.12.34
// and `** server can't find x: NXDOMAIN` on failure. Both exit 1 when the name does not resolve.

import type { Builtin } from './index';
import type { ApiServer } from '../../../apiserver/apiserver';
import type { KObject } from '../../../api/meta';
import { resolve, candidates } from '../../../network/dns/resolve';
import { clusterDNSIP } from '../../../api/dns/names';
import { CoreDNS } from '../../../network/dns/records';
import { podResolvConf } from '../../../api/dns/resolv-conf';

interface ExecResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

const LEGACY_BUSYBOX = /(^|\/)busybox:1\.([0-9]|1[0-9]|2[0-8])(\.\d+)?(-|$)/;

export const nslookup: Builtin = (c) => {
  const r = lookup({ api: c.sh.host.api, pod: c.sh.host.pod, container: c.sh.host.container, argv: c.argv });
  c.io.out(r.stdout);
  c.io.err(r.stderr);
  return r.exitCode;
};

function lookup(ctx: { api: ApiServer; pod: KObject; container: any; argv: string[] }): ExecResult {
  const args = ctx.argv.slice(1).filter((a) => !a.startsWith('-'));
  const type = ctx.argv
    .slice(1)
    .map((a) => /^-(?:type|query|q)=(\w+)$/i.exec(a)?.[1])
    .find((t) => t)
    ?.toUpperCase();
  const name = args[0];
  if (!name)
    return {
      stdout: '',
      stderr:
        'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n\nQuery DNS about HOST\n\nQUERY_TYPE: soa,ns,a,aaaa,cname,mx,txt,any\n',
      exitCode: 1,
    };
  const conf = podResolvConf(ctx.pod, clusterDNSIP(ctx.api));
  const server = args[1] ?? conf.nameservers[0] ?? '127.0.0.1';
  // asking another server than the pod's resolver uses the same answers only if it is the cluster DNS
  const pod = args[1]
    ? {
        ...ctx.pod,
        spec: {
          ...ctx.pod.spec,
          dnsPolicy: 'None',
          dnsConfig: {
            nameservers: [server],
            searches: conf.searches,
            options: conf.options.map((o) => {
              const [n, v] = o.split(':');
              return v === undefined ? { name: n } : { name: n, value: v };
            }),
          },
        },
      }
    : ctx.pod;
  const dns = new CoreDNS(ctx.api);
  if (type === 'SRV') return srv(dns, server, name, pod);
  const r = resolve(ctx.api, { pod }, name);
  if (LEGACY_BUSYBOX.test(ctx.container.image ?? '')) {
    const head = `Server:    ${server}\nAddress 1: ${server}${suffix(dns.reverse(server))}\n\n`;
    if (r.kind !== 'A') return { stdout: head, stderr: `nslookup: can't resolve '${name}'\n`, exitCode: 1 };
    const lines = r.ips.map((ip, i) => `Address ${i + 1}: ${ip}${suffix(dns.reverse(ip))}\n`).join('');
    return { stdout: `${head}Name:      ${name}\n${lines}`, stderr: '', exitCode: 0 };
  }
  const out: ExecResult = { stdout: `Server:\t\t${server}\nAddress:\t${server}:53\n\n`, stderr: '', exitCode: 0 };
  if (r.kind === 'NXDOMAIN') {
    out.stdout += `** server can't find ${name}: NXDOMAIN\n\n`;
    out.exitCode = 1;
    return out;
  }
  if (r.kind === 'CNAME') {
    out.stdout += `${r.name}\tcanonical name = ${r.target}\n\n`;
    return out;
  }
  let owner = r.name;
  for (const target of r.cname ?? []) {
    out.stdout += `${owner}\tcanonical name = ${target}\n`;
    owner = target;
  }
  out.stdout += r.ips.map((ip) => `Name:\t${owner}\nAddress: ${ip}\n`).join('') + '\n';
  return out;
}

const suffix = (n: string | undefined): string => (n ? ` ${n}` : '');

/** `nslookup -type=srv NAME` (busybox 1.29 and later): `<name>\tservice = <priority> <weight> <port> <target>`. */
function srv(dns: CoreDNS, server: string, name: string, pod: any): ExecResult {
  const out: ExecResult = { stdout: `Server:\t\t${server}\nAddress:\t${server}:53\n\n`, stderr: '', exitCode: 0 };
  const dnsIP = clusterDNSIP(dns.api);
  const conf = podResolvConf(pod, dnsIP);
  if (conf.nameservers.includes(dnsIP)) {
    for (const fqdn of candidates(name, conf)) {
      const a = dns.lookup(fqdn, 'SRV');
      if (a.type !== 'SRV') continue;
      out.stdout +=
        a.srv.map((r) => `${fqdn}\tservice = ${r.priority} ${r.weight} ${r.port} ${r.target}\n`).join('') + '\n';
      return out;
    }
  }
  out.stdout += `** server can't find ${name}: NXDOMAIN\n\n`;
  out.exitCode = 1;
  return out;
}
