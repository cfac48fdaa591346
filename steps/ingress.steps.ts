// Ingress: installing the ingress-nginx controller, pointing a host name at it (the seeds' /etc/hosts line), and
// where the controller sends a request or what it answers. `an HTTP request for ... reaches a pod of ...` is in
// traffic.steps.ts and goes through the controller when the request reaches it.
import { Given, Then } from '@cucumber/cucumber';
import type { KspecWorld } from './world';
import { installIngressNginx } from '../src/scenario/ingress';
import { expectHttpStatus, expectIngressRoute } from '../src/assert/ingress';

// Model-only (the model's ingress-nginx): applies ingress-nginx's manifest and waits (up to 5 minutes) for its controller pod to be Ready; e.g. `Given the ingress-nginx controller is installed`
Given('the ingress-nginx controller is installed', function (this: KspecWorld) {
  this.ran(installIngressNginx(this.cluster));
});

// Model-only (the model's ingress-nginx): the host name resolves to the InternalIP of a node running the controller, as an /etc/hosts line would; e.g. `Given the host "cafe.example.com" resolves to the ingress controller`
Given('the host {string} resolves to the ingress controller', function (this: KspecWorld, host: string) {
  this.cluster.ingress.pointHostAtController(host);
});

// Model-only (the model's ingress-nginx): the controller's rules route the URL to the service (and path); e.g. `Then the ingress controller sends "http://tomcat.tuling.com/docs" to service "my-tomcat" with path "/docs"`
Then(
  /^the ingress controller sends "([^"]*)" to service "([^"]*)"(?: in namespace "([^"]*)")?(?: with path "([^"]*)")?$/,
  function (this: KspecWorld, url: string, service: string, namespace: string | null, path: string | null) {
    expectIngressRoute(this.cluster, url, { service, namespace: namespace ?? undefined, path: path ?? undefined });
  },
);

// Model-only (the model's ingress-nginx): the HTTP status a request from a pod in default gets back; e.g. `Then an HTTP request for "https://cafe.example.com/teapot" is answered with status 404`
Then(
  'an HTTP request for {string} is answered with status {int}',
  function (this: KspecWorld, url: string, status: number) {
    expectHttpStatus(this.cluster, url, status);
  },
);
