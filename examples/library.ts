// kspec as a library, without Cucumber: build a cluster, apply a manifest, run the virtual clock and check it
// with the assertions the steps use (test/assert-library.test.ts runs this file and checks README.md shows it).
import {
  createCluster,
  objectKey,
  expectMatches,
  expectCount,
  expectEvent,
  expectConnection,
  expectOutputContains,
  clientOf,
} from '../src/index';

const manifest = `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: nginx:1.25, ports: [{containerPort: 80}]}]}
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec: {type: NodePort, selector: {app: web}, ports: [{port: 80, nodePort: 30080}]}
`;

export async function main(): Promise<void> {
  const cluster = createCluster({ nodes: 2, seed: 'demo' });
  cluster.apply(manifest); // kubectl apply -f -, then converge
  const web = objectKey('deployment', 'web');
  await expectMatches(cluster, web, 'status: {readyReplicas: 3}', { within: '2m' }); // waits on virtual time, no longer than it must

  cluster.kubectl('set image deployment/web web=nginx:1.26');
  cluster.advance('5m'); // run the clock: the rollout goes through
  await expectMatches(cluster, web, { status: { updatedReplicas: 3, availableReplicas: 3 } });
  await expectCount(cluster, 'replicasets', 2, { labelSelector: 'app=web' }); // the old one is kept, scaled to 0
  await expectEvent(cluster, web, 'ScalingReplicaSet', 'Scaled down replica set');
  expectOutputContains(cluster.kubectl('rollout status deployment/web'), 'successfully rolled out');
  expectConnection(cluster, clientOf(cluster, { outside: true }), 'node-1:30080', { reaches: web });
}
// a failed assertion throws an Error that says what differed: the fields, the object's pods and recent history
if (require.main === module) main().then(() => console.log('every assertion held'));
