import { createCluster } from '../../src/cluster';
let t = Date.now();
const c = createCluster({ nodes: 3, seed: 'x' });
console.log('create', Date.now() - t); t = Date.now();
c.advance('20m'); console.log('20m idle', Date.now() - t, c.runtime.syncs); t = Date.now();
c.kubectl('create deployment web --image=nginx --replicas=3'); c.advance('20m'); console.log('20m deploy', Date.now() - t, c.runtime.syncs);
