// The images a node lists in its status (pkg/kubelet/nodestatus setters.go Images): the largest first, at most
// nodeStatusMaxImages, each named by its repo digest then its tag.

import { imageID } from '../world/images';

/** nodeStatusMaxImages, the kubelet's default: the node status lists the 50 largest images. */
export const NODE_STATUS_MAX_IMAGES = 50;
/** MaxNamesPerImageInNodeStatus */
export const MAX_NAMES_PER_IMAGE = 5;

/**
 * The node status' images (nodestatus.Images): each image the node has, by size, largest first (ties: the image
 * ID descending, as ByImageSize sorts), named by its repo digest then its tag as containerd reports them.
 */
export function nodeImages(images: ReadonlyMap<string, number>): { names: string[]; sizeBytes: number }[] {
  return [...images]
    .map(([ref, sizeBytes]) => ({ id: imageID(ref), names: [imageID(ref), ref], sizeBytes }))
    .sort((a, b) => b.sizeBytes - a.sizeBytes || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
    .slice(0, NODE_STATUS_MAX_IMAGES)
    .map(({ names, sizeBytes }) => ({ names: [...new Set(names)].slice(0, MAX_NAMES_PER_IMAGE), sizeBytes }));
}
