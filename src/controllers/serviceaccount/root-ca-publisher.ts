// pkg/controller/certificates/rootcacertpublisher/publisher.go: the `kube-root-ca.crt` ConfigMap in every
// namespace, holding the cluster CA that the kube-api-access projected volume mounts; kept as published.
// It lives beside the ServiceAccount controller because the token volume is what needs it.

import { Controller, type ControllerContext } from '../../client/controller';
import { deepEqual } from '../../api/meta';
import { isStatusError } from '../../api/errors';

export const ROOT_CA_CONFIGMAP = 'kube-root-ca.crt';
/** DescriptionAnnotation of the published ConfigMap. */
export const ROOT_CA_DESCRIPTION =
  'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.';

/** A stand-in CA certificate: the model has no TLS, but the file is where pods expect it. */
export const ROOT_CA_CERT = [
  '-----BEGIN CERTIFICATE-----',
  'MIIDBTCCAe2gAwIBAgIIKSPECKSPECKwDQYJKoZIhvcNAQELBQAwFTETMBEGA1UE',
  'AxMKa3ViZXJuZXRlczAeFw0yNDA0MTcwMDAwMDBaFw0zNDA0MTUwMDAwMDBaMBUx',
  'EzARBgNVBAMTCmt1YmVybmV0ZXMwggEiMA0GCSqGSIb3DQEBAQUAA4IBDwAwggEK',
  '-----END CERTIFICATE-----',
  '',
].join('\n');

export class RootCACertPublisher extends Controller {
  readonly name = 'root-ca-cert-publisher';

  constructor(ctx: ControllerContext) {
    super(ctx);
    this.watch('namespaces', (ev) => {
      if (ev.type !== 'DELETED') this.enqueue(ev.object.metadata.name!);
    });
    this.watch('configmaps', (ev) => {
      if (ev.object.metadata.name === ROOT_CA_CONFIGMAP) this.enqueue(ev.object.metadata.namespace!);
    });
  }

  sync(namespace: string): void {
    const ns = this.api.tryGet('namespaces', undefined, namespace);
    if (!ns || ns.metadata.deletionTimestamp) return;
    const data = { 'ca.crt': ROOT_CA_CERT };
    const annotations = { 'kubernetes.io/description': ROOT_CA_DESCRIPTION };
    const cm = this.api.tryGet('configmaps', namespace, ROOT_CA_CONFIGMAP);
    try {
      if (!cm) {
        this.api.create({
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: ROOT_CA_CONFIGMAP, namespace, annotations },
          data,
        });
      } else if (
        !deepEqual(cm.data, data) ||
        cm.metadata.annotations?.['kubernetes.io/description'] !== ROOT_CA_DESCRIPTION
      ) {
        this.api.update({
          ...cm,
          data,
          metadata: { ...cm.metadata, annotations: { ...cm.metadata.annotations, ...annotations } },
        });
      }
    } catch (e) {
      if (!isStatusError(e) || (e.reason !== 'AlreadyExists' && e.reason !== 'Forbidden' && e.reason !== 'NotFound'))
        throw e;
    }
  }
}
