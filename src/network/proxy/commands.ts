// Commands run in a node's shell, for looking at kube-proxy's work: `iptables-save [-t nat|filter]`,
// `iptables -t nat -S [chain]`, `ipvsadm -ln` (also `-L -n`, `-Ln`), `ip addr show kube-ipvs0`, `ipset list [name]`, optionally
// piped into `grep [-A n] [-B n] [-c] text`,
// with the output and exit status those tools give.

import type { Network } from '../network';
import type { CommandResult } from '../../util/command';
import { isStatusError } from '../../api/errors';
import { listRules, saveTable } from './iptables/save';
import { ipvsadmList, kubeIpvs0 } from './ipvs/ipvsadm';
import { IPSET_VERSION, ipsetList } from './ipvs/ipset';
import { setReferences } from './ipvs/iptables';

type Out = { stdout: string; stderr: string; exitCode: number };
const ok = (stdout: string): Out => ({ stdout, stderr: '', exitCode: 0 });

export function runOnNode(net: Network, node: string, line: string): CommandResult {
  const result: CommandResult = { command: line, stdout: '', stderr: '', exitCode: 0 };
  let proxy;
  try {
    proxy = net.proxy(node);
  } catch (e) {
    if (isStatusError(e))
      return { ...result, stderr: `Error from server (NotFound): nodes "${node}" not found\n`, exitCode: 1 };
    throw e;
  }
  const stages = line.split('|').map((s) => s.trim().split(/\s+/).filter(Boolean));
  let out: Out = { stdout: '', stderr: '', exitCode: 0 };
  for (const [i, words] of stages.entries()) {
    const [cmd, ...args] = words;
    if (i > 0 && cmd !== 'grep')
      return { ...result, stderr: `bash: ${cmd ?? ''}: only grep may follow a pipe here\n`, exitCode: 2 };
    out = i > 0 ? grep(out.stdout, args) : first(net, proxy, node, cmd, args);
    if (i === 0 && out.exitCode !== 0) break;
  }
  return { ...result, ...out };
}

function first(
  net: Network,
  proxy: ReturnType<Network['proxy']>,
  node: string,
  cmd: string | undefined,
  args: string[],
): Out {
  const now = net.api.clock.now();
  switch (cmd) {
    case 'iptables-save': {
      const t = args[0] === '-t' ? args[1] : args[0]?.startsWith('--table=') ? args[0].slice(8) : undefined;
      if (t !== undefined && t !== 'nat' && t !== 'filter' && t !== 'mangle' && t !== 'raw') {
        return {
          stdout: '',
          stderr: `iptables-save v1.8.9 (legacy): Cannot initialize: Table does not exist (do you need to insmod?)\n`,
          exitCode: 1,
        };
      }
      const tables = tablesOf(net, proxy);
      if (t === 'mangle' || t === 'raw') return ok(saveTable(t, new Map(), now));
      if (t) return ok(saveTable(t, tables[t as 'nat' | 'filter'], now));
      return ok(saveTable('filter', tables.filter, now) + saveTable('nat', tables.nat, now));
    }
    case 'iptables': {
      let t = 'filter',
        chain: string | undefined,
        list = false;
      for (let i = 0; i < args.length; i++) {
        if (args[i] === '-t') t = args[++i] ?? '';
        else if (args[i] === '-S' || args[i] === '--list-rules') {
          list = true;
          if (args[i + 1] && !args[i + 1].startsWith('-')) chain = args[++i];
        }
      }
      if (!list) return { stdout: '', stderr: 'iptables: only -S (list rules) is supported here\n', exitCode: 2 };
      if (t !== 'nat' && t !== 'filter')
        return {
          stdout: '',
          stderr: `iptables v1.8.9 (legacy): can't initialize iptables table \`${t}': Table does not exist (do you need to insmod?)\nPerhaps iptables or your kernel needs to be upgraded.\n`,
          exitCode: 3,
        };
      const tables = tablesOf(net, proxy);
      const out = listRules(t, tables[t as 'nat' | 'filter'], chain);
      return out === undefined
        ? { stdout: '', stderr: 'iptables: No chain/target/match by that name.\n', exitCode: 1 }
        : ok(out);
    }
    case 'ipvsadm': {
      const flags = args.join('').replace(/-/g, '');
      if (!/^[lLn]+$/.test(flags) || !/[lL]/.test(flags))
        return { stdout: '', stderr: `ipvsadm: only -L -n (list) is supported here\n`, exitCode: 2 };
      return ok(ipvsadmList(proxy.mode === 'ipvs' ? proxy.virtualServers() : []));
    }
    case 'ip': {
      const rest = args.join(' ');
      if (!/^(addr|address|a)( show)? kube-ipvs0$/.test(rest))
        return { stdout: '', stderr: `ip: only "ip addr show kube-ipvs0" is supported here\n`, exitCode: 2 };
      if (proxy.mode !== 'ipvs') return { stdout: '', stderr: 'Device "kube-ipvs0" does not exist.\n', exitCode: 1 };
      const bound = proxy
        .virtualServers()
        .filter((v) => v.bound)
        .map((v) => v.address);
      return ok(kubeIpvs0(bound, macOf(node), 5));
    }
    case 'ipset': {
      const [verb, name, ...rest] = args;
      if ((verb !== 'list' && verb !== 'l' && verb !== '-L' && verb !== '--list') || rest.length) {
        return {
          stdout: '',
          stderr: `ipset ${IPSET_VERSION}: only "ipset list [SETNAME]" is supported here\n`,
          exitCode: 2,
        };
      }
      // iptables mode keeps no sets
      if (proxy.mode !== 'ipvs')
        return name === undefined
          ? ok('')
          : ipsetList(
              new Map(),
              () => 0,
              () => '',
              name,
            );
      const tables = tablesOf(net, proxy);
      return ipsetList(
        proxy.ipsets(),
        (n) => setReferences(tables, n),
        (n) => initvalOf(node, n),
        name,
      );
    }
    default:
      return { stdout: '', stderr: `bash: ${cmd}: command not found\n`, exitCode: 127 };
  }
}

/** The node's iptables: kube-proxy's rules and the CNI plugins'. */
const tablesOf = (net: Network, proxy: ReturnType<Network['proxy']>) => net.tables(proxy.node);

/** grep [-A n] [-B n] [-c] [-i] [-v] text: matching lines with context, `--` between groups, or their count; exit 1 when none match. */
export function grep(input: string, args: string[]): Out {
  let after = 0,
    before = 0,
    ignoreCase = false,
    invert = false,
    count = false,
    pattern: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const m = /^-([AB])(\d*)$/.exec(a);
    if (m) {
      const n = Number(m[2] || args[++i]);
      if (m[1] === 'A') after = n;
      else before = n;
    } else if (a === '-i') ignoreCase = true;
    else if (a === '-v') invert = true;
    else if (a === '-c') count = true;
    else pattern = a.replace(/^["']|["']$/g, '');
  }
  if (pattern === undefined) return { stdout: '', stderr: 'Usage: grep [OPTION]... PATTERNS [FILE]...\n', exitCode: 2 };
  const lines = input.replace(/\n$/, '').split('\n');
  // a basic regular expression: ^ $ . * [ ] are special, + ? | ( ) { } are literal
  const re = new RegExp(pattern.replace(/[+?|(){}]/g, '\\$&'), ignoreCase ? 'i' : '');
  const hit = lines.map((l) => re.test(l) !== invert);
  const keep = new Set<number>();
  hit.forEach((h, i) => {
    if (h) for (let j = Math.max(0, i - before); j <= Math.min(lines.length - 1, i + after); j++) keep.add(j);
  });
  const n = hit.filter(Boolean).length;
  if (count) return { stdout: `${n}\n`, stderr: '', exitCode: n ? 0 : 1 };
  if (!n) return { stdout: '', stderr: '', exitCode: 1 };
  const out: string[] = [];
  let last = -2;
  for (const i of [...keep].sort((a, b) => a - b)) {
    if ((after || before) && last >= 0 && i > last + 1) out.push('--');
    out.push(lines[i]);
    last = i;
  }
  return ok(out.join('\n') + '\n');
}

/** FNV-1a of the text: stable stand-ins for values the kernel picks at random. */
function fnv(text: string): number {
  let h = 0x811c9dc5;
  for (const c of text) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0;
  return h;
}

/** A hash set's initval (the kernel's random hash seed), stable per node and set. */
const initvalOf = (node: string, set: string): string => `0x${fnv(`${node}/${set}`).toString(16).padStart(8, '0')}`;

/** A stable locally administered MAC for the node's kube-ipvs0. */
function macOf(node: string): string {
  const h = fnv(node);
  const bytes = [0x3e, (h >>> 24) & 255, (h >>> 16) & 255, (h >>> 8) & 255, h & 255, (h >>> 4) & 255];
  return bytes.map((b) => b.toString(16).padStart(2, '0')).join(':');
}
