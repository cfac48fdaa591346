// The image manager's pull decision (pkg/kubelet/images/image_manager.go EnsureImageExists) and the credentials
// a pull uses (pkg/credentialprovider keyring: imagePullSecrets of type kubernetes.io/dockerconfigjson or
// kubernetes.io/dockercfg, matched by registry host). The registry's answers are containerd's error texts.
import { normalizeImage } from '../world/images';

export const DOCKER_HUB_KEYS = ['index.docker.io', 'docker.io', 'registry-1.docker.io'];

/** The registry host of an image: `docker.io` for Docker Hub images. */
export function registryOf(image: string): string {
  return normalizeImage(image).split('/')[0];
}

/** The registry host a `.dockerconfigjson` `auths` key names (`https://index.docker.io/v1/` -> index.docker.io). */
export function authHost(key: string): string {
  return key.replace(/^[a-z]+:\/\//, '').split('/')[0];
}

/** Whether one of the pull secrets' `auths` names the image's registry. */
export function hasCredentials(image: string, secrets: any[]): boolean {
  const registry = registryOf(image);
  const matches = (host: string) => host === registry || (registry === 'docker.io' && DOCKER_HUB_KEYS.includes(host));
  for (const s of secrets) {
    let auths: Record<string, unknown> | undefined;
    try {
      if (s.type === 'kubernetes.io/dockerconfigjson') auths = JSON.parse(decode(s.data?.['.dockerconfigjson'])).auths;
      else if (s.type === 'kubernetes.io/dockercfg') auths = JSON.parse(decode(s.data?.['.dockercfg']));
    } catch {
      continue;
    }
    if (auths && Object.keys(auths).some((k) => matches(authHost(k)))) return true;
  }
  return false;
}

const decode = (b64: string | undefined) => Buffer.from(b64 ?? '', 'base64').toString('utf8');

/** containerd's error for an image the registry does not have. */
export function notFoundError(image: string): string {
  const ref = normalizeImage(image);
  return `rpc error: code = NotFound desc = failed to pull and unpack image "${ref}": failed to resolve reference "${ref}": ${ref}: not found`;
}

/** containerd's error for a private image pulled without credentials. */
export function unauthorizedError(image: string): string {
  const ref = normalizeImage(image);
  return `rpc error: code = Unknown desc = failed to pull and unpack image "${ref}": failed to resolve reference "${ref}": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed`;
}

/** Whether the image must be pulled: policy Always, or IfNotPresent and not on the node (shouldPullImage). */
export function shouldPull(policy: string, present: boolean): boolean {
  if (policy === 'Never') return false;
  return policy === 'Always' || !present;
}
