// ImageLocality (framework/plugins/imagelocality/image_locality.go): a node that already has the pod's images
// scores higher, by the images' sizes scaled by how many nodes have them (spread), clamped between 23MB and
// 1000MB per container. The images a node has come from its status.images, as its kubelet reports them: the
// names there are containerd's (`docker.io/library/nginx:1.25`), so, as in Kubernetes, a pod that names an image
// by its short form (`nginx:1.25`) finds no match.
import type { Container, ContainerImage } from 'kubernetes-types/core/v1';
import type { KObject } from '../../../api/meta';
import type { ScorePlugin } from '../../framework';
import { MAX_NODE_SCORE } from '../../framework';
import type { SchedulerCache } from '../../cache';

const MB = 1024 * 1024;
export const MIN_THRESHOLD = 23 * MB;
export const MAX_CONTAINER_THRESHOLD = 1000 * MB;

/** normalizedImageName: an image without a tag or digest means `:latest`. */
export function normalizedImageName(name: string): string {
  const last = name.slice(name.lastIndexOf('/') + 1);
  return last.includes(':') || name.includes('@') ? name : `${name}:latest`;
}

/** calculatePriority */
export function imageLocalityScore(sumScores: number, numContainers: number): number {
  const max = MAX_CONTAINER_THRESHOLD * numContainers;
  const sum = Math.min(Math.max(sumScores, MIN_THRESHOLD), max);
  return Math.trunc((MAX_NODE_SCORE * (sum - MIN_THRESHOLD)) / (max - MIN_THRESHOLD));
}

const containersOf = (pod: KObject): Container[] => [
  ...(pod.spec?.initContainers ?? []),
  ...(pod.spec?.containers ?? []),
];

export function imageLocalityPlugin(cache: SchedulerCache): ScorePlugin {
  return {
    name: 'ImageLocality',
    weight: 1,
    // no node reports any of the pod's images: every node would score 0
    skip: (state) => !containersOf(state.pod).some((c) => cache.nodesWithImage(normalizedImageName(c.image ?? ''))),
    score(state, node) {
      const containers = containersOf(state.pod);
      const images: ContainerImage[] = node.node?.status?.images ?? [];
      let sum = 0;
      if (images.length) {
        const total = cache.nodeList.length;
        for (const c of containers) {
          const name = normalizedImageName(c.image ?? '');
          const img = images.find((i) => (i.names ?? []).includes(name));
          // scaledImageScore: size x the share of nodes that have the image
          if (img) sum += Math.trunc((img.sizeBytes ?? 0) * (cache.nodesWithImage(name) / total));
        }
      }
      return imageLocalityScore(sum, containers.length);
    },
  };
}
