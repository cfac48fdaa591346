// Well-known labels, annotations, taints and finalizers that more than one part of the cluster reads, in one place
// so that the parts, which meet only at the API, agree on them. They are k8s.io/api's well_known_labels.go,
// well_known_taints.go, annotation_key_constants.go and the keys its apps, batch, discovery and networking types
// declare. A key only one component knows stays with it (the Deployment's revision annotations, nginx's).

// core/v1 well_known_labels.go
export const LABEL_HOSTNAME = 'kubernetes.io/hostname';
export const LABEL_TOPOLOGY_ZONE = 'topology.kubernetes.io/zone';
/** v1.LabelNodeExcludeBalancers */
export const LABEL_EXCLUDE_BALANCERS = 'node.kubernetes.io/exclude-from-external-load-balancers';
/** v1.IsHeadlessService: set on a headless Service's Endpoints and EndpointSlices */
export const LABEL_HEADLESS = 'service.kubernetes.io/headless';
/** LabelServiceProxyName (pkg/proxy/apis): a Service another proxy serves */
export const LABEL_SERVICE_PROXY_NAME = 'service.kubernetes.io/service-proxy-name';

// core/v1 well_known_taints.go
export const TAINT_NOT_READY = 'node.kubernetes.io/not-ready';
export const TAINT_UNREACHABLE = 'node.kubernetes.io/unreachable';
export const TAINT_UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';

// core/v1 annotation_key_constants.go
export const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';
export const POD_DELETION_COST_ANNOTATION = 'controller.kubernetes.io/pod-deletion-cost';
/** v1.AnnotationTopologyMode and the annotation it replaced (v1.DeprecatedAnnotationTopologyAwareHints) */
export const ANN_TOPOLOGY_MODE = 'service.kubernetes.io/topology-mode';
export const ANN_TOPOLOGY_AWARE_HINTS = 'service.kubernetes.io/topology-aware-hints';
/** The hints annotation kube-proxy and the EndpointSlice controller read: topology-mode, else topology-aware-hints. */
export const hintsAnnotation = (svc: { metadata: { annotations?: Record<string, string> } }): string =>
  svc.metadata.annotations?.[ANN_TOPOLOGY_MODE] || svc.metadata.annotations?.[ANN_TOPOLOGY_AWARE_HINTS] || '';
export const ANN_LAST_CHANGE_TRIGGER_TIME = 'endpoints.kubernetes.io/last-change-trigger-time';
export const ANN_OVER_CAPACITY = 'endpoints.kubernetes.io/over-capacity';
/** v1.ServiceAccountNameKey and ServiceAccountUIDKey, on a service account token Secret */
export const ANN_SA_NAME = 'kubernetes.io/service-account.name';
export const ANN_SA_UID = 'kubernetes.io/service-account.uid';

// discovery/v1 well_known_labels.go
export const LABEL_SERVICE_NAME = 'kubernetes.io/service-name';
export const LABEL_MANAGED_BY = 'endpointslice.kubernetes.io/managed-by';
export const LABEL_SKIP_MIRROR = 'endpointslice.kubernetes.io/skip-mirror';

// apps/v1 types.go
/** ControllerRevisionHashLabelKey */
export const CONTROLLER_REVISION_HASH = 'controller-revision-hash';
/** DefaultDeploymentUniqueLabelKey */
export const POD_TEMPLATE_HASH_LABEL = 'pod-template-hash';
export const STATEFULSET_POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';
export const POD_INDEX_LABEL = 'apps.kubernetes.io/pod-index';

// batch/v1 types.go
export const JOB_NAME_LABEL = 'batch.kubernetes.io/job-name';
export const CONTROLLER_UID_LABEL = 'batch.kubernetes.io/controller-uid';
export const CRONJOB_SCHEDULED_TIMESTAMP = 'batch.kubernetes.io/cronjob-scheduled-timestamp';
export const JOB_COMPLETION_INDEX_ANNOTATION = 'batch.kubernetes.io/job-completion-index';
export const JOB_TRACKING_FINALIZER = 'batch.kubernetes.io/job-tracking';
export const JOB_INDEX_FAILURE_COUNT_ANNOTATION = 'batch.kubernetes.io/job-index-failure-count';
export const JOB_INDEX_IGNORED_FAILURE_COUNT_ANNOTATION = 'batch.kubernetes.io/job-index-ignored-failure-count';

// networking/v1 well_known_annotations.go
export const ANNOTATION_IS_DEFAULT_INGRESS_CLASS = 'ingressclass.kubernetes.io/is-default-class';
/** the annotation spec.ingressClassName replaced (networking/v1beta1 AnnotationIngressClass) */
export const ANNOTATION_INGRESS_CLASS = 'kubernetes.io/ingress.class';
