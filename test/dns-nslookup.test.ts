// busybox nslookup inside a pod (old and new output forms) and the PTR names it prints, through kubectl exec.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCluster } from '../src/cluster';

const c = createCluster({ nodes: 1, seed: 'nslookup test' });
c.apply(`
apiVersion: v1
kind: Service
metadata: {name: db}
spec: {clusterIP: 10.96.0.50, selector: {app: db}, ports: [{name: postgres, port: 5432}]}
---
apiVersion: v1
kind: Service
metadata: {name: my-service}
spec: {type: ExternalName, externalName: my.database.example.com}
---
apiVersion: v1
kind: Service
metadata: {name: db-alias}
spec: {type: ExternalName, externalName: db.default.svc.cluster.local}
---
apiVersion: v1
kind: Pod
metadata: {name: old}
spec: {containers: [{name: c, image: busybox:1.28, command: [sleep, "3600"]}]}
---
apiVersion: v1
kind: Pod
metadata: {name: new}
spec: {containers: [{name: c, image: busybox:1.36, command: [sleep, "3600"]}]}
`);

const OLD_HEAD = 'Server:    10.96.0.10\nAddress 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local\n\n';
const NEW_HEAD = 'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n';

test('nslookup rows', () => {
  const rows: [string, string, string, string, number][] = [
    ['old', 'db', `${OLD_HEAD}Name:      db\nAddress 1: 10.96.0.50 db.default.svc.cluster.local\n`, '', 0],
    ['old', 'nope', OLD_HEAD, "nslookup: can't resolve 'nope'\n", 1],
    ['new', 'db', `${NEW_HEAD}Name:\tdb.default.svc.cluster.local\nAddress: 10.96.0.50\n\n`, '', 0],
    [
      'new',
      'db.default.svc.cluster.local',
      `${NEW_HEAD}Name:\tdb.default.svc.cluster.local\nAddress: 10.96.0.50\n\n`,
      '',
      0,
    ],
    ['new', 'nope', `${NEW_HEAD}** server can't find nope: NXDOMAIN\n\n`, '', 1],
    [
      'new',
      'my-service',
      `${NEW_HEAD}my-service.default.svc.cluster.local\tcanonical name = my.database.example.com\n\n`,
      '',
      0,
    ],
    [
      'new',
      'db-alias',
      `${NEW_HEAD}db-alias.default.svc.cluster.local\tcanonical name = db.default.svc.cluster.local\nName:\tdb.default.svc.cluster.local\nAddress: 10.96.0.50\n\n`,
      '',
      0,
    ],
    [
      'new',
      '-type=srv _postgres._tcp.db',
      `${NEW_HEAD}_postgres._tcp.db.default.svc.cluster.local\tservice = 0 100 5432 db.default.svc.cluster.local\n\n`,
      '',
      0,
    ],
    [
      'new',
      '-type=srv _dns._udp.kube-dns.kube-system.svc.cluster.local',
      `${NEW_HEAD}_dns._udp.kube-dns.kube-system.svc.cluster.local\tservice = 0 100 53 kube-dns.kube-system.svc.cluster.local\n\n`,
      '',
      0,
    ],
    ['new', '-type=srv _http._tcp.db', `${NEW_HEAD}** server can't find _http._tcp.db: NXDOMAIN\n\n`, '', 1],
    [
      'new',
      'kube-dns.kube-system',
      `${NEW_HEAD}Name:\tkube-dns.kube-system.svc.cluster.local\nAddress: 10.96.0.10\n\n`,
      '',
      0,
    ],
  ];
  for (const [pod, name, stdout, stderr, code] of rows) {
    const r = c.kubectl(`exec ${pod} -- nslookup ${name}`);
    assert.equal(r.stdout, stdout, `${pod}: nslookup ${name}`);
    assert.equal(
      r.stderr.replace(/command terminated with exit code \d+\n/, ''),
      stderr,
      `${pod}: nslookup ${name} (stderr)`,
    );
    assert.equal(r.exitCode, code, `${pod}: nslookup ${name} (exit)`);
  }
});
