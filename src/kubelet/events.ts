// The kubelet's event reasons and messages (pkg/kubelet/events/event.go, images/image_manager.go,
// kuberuntime/kuberuntime_container.go), v1.30 wording.
import { goDuration } from '../util/go/duration';

export const pulling = (image: string) => `Pulling image "${image}"`;
export const pulled = (image: string, ms: number, size: number) =>
  `Successfully pulled image "${image}" in ${goDuration(ms)} (${goDuration(ms)} including waiting). Image size: ${size} bytes.`;
export const alreadyPresent = (image: string) => `Container image "${image}" already present on machine`;
export const failedPull = (image: string, err: string) => `Failed to pull image "${image}": ${err}`;
export const backOffPull = (image: string) => `Back-off pulling image "${image}"`;
export const neverPull = (image: string) => `Container image "${image}" is not present with pull policy of Never`;
/** kubelet_pods.go getPullSecretsForPod */
export const missingPullSecrets = (names: string[]) =>
  `Unable to retrieve some image pull secrets (${names.join(', ')}); attempting to pull the image may not succeed.`;
export const created = (c: string) => `Created container ${c}`;
export const started = (c: string) => `Started container ${c}`;
export const killing = (c: string) => `Stopping container ${c}`;
/** kuberuntime_manager.go computePodActions: the container's hash changed */
export const definitionChanged = (c: string) => `Container ${c} definition changed, will be restarted`;
/**
 * kspec's own reason (real clusters have no such event): a command the model cannot run. The container waits
 * with it (or, found only while running, ends with it), so a spec never passes on a command it did not run.
 */
export const UNSUPPORTED = 'UnsupportedCommand';
export const unsupportedCommand = (word: string, c: string) =>
  `kspec cannot run "${word}" in container ${c}: declare what the image does with an image behaviour (docs/image-behaviours.md)`;
/** format.Pod: name_namespace(uid) */
export const podDesc = (name: string, ns: string, uid: string) => `${name}_${ns}(${uid})`;
export const backOffEvent = (c: string, pod: string) => `Back-off restarting failed container ${c} in pod ${pod}`;
export const backOffWaiting = (ms: number, c: string, pod: string) =>
  `back-off ${goDuration(ms)} restarting failed container=${c} pod=${pod}`;
