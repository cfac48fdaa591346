// The plugin registry and the default profile (pkg/scheduler/framework/plugins/registry.go and
// apis/config/v1/default_plugins.go): the plugins of kube-scheduler's default profile at each extension point, in
// that order, and the cluster events each registers (EventsToRegister), by which the scheduling queue moves the
// pods a plugin rejected. A new plugin is a folder here that exports NAME, EVENTS and its extension points, and
// a line in each list below.
import type { ClusterEvent } from '../framework';
import type { Profile } from '../schedule-one';
import type { SchedulerCache } from '../cache';
import type { ApiServer } from '../../apiserver/apiserver';
import * as nodeunschedulable from './nodeunschedulable/node-unschedulable';
import * as nodename from './nodename/node-name';
import * as tainttoleration from './tainttoleration/taint-toleration';
import * as nodeaffinity from './nodeaffinity/node-affinity';
import * as nodeports from './nodeports/node-ports';
import * as noderesources from './noderesources/fit';
import * as volumerestrictions from './volumerestrictions/volume-restrictions';
import * as volumebinding from './volumebinding/volume-binding';
import * as podtopologyspread from './podtopologyspread/pod-topology-spread';
import * as interpodaffinity from './interpodaffinity/inter-pod-affinity';
import { leastAllocatedPlugin } from './noderesources/least-allocated';
import { balancedAllocationPlugin } from './noderesources/balanced-allocation';
import { imageLocalityPlugin } from './imagelocality/image-locality';

/** The plugins that reject pods, with the events that may make a rejected pod schedulable, by plugin name. */
export const PLUGIN_EVENTS: Readonly<Record<string, readonly ClusterEvent[]>> = Object.fromEntries(
  [
    nodeunschedulable,
    nodename,
    tainttoleration,
    nodeaffinity,
    nodeports,
    noderesources,
    volumerestrictions,
    volumebinding,
    podtopologyspread,
    interpodaffinity,
  ].map((p) => [p.NAME, p.EVENTS]),
);

/** The default profile, in default_plugins.go order; plugins that read the cluster's pods get the cache. */
export function defaultProfile(cache: SchedulerCache, api: ApiServer): Profile {
  const ipa = interpodaffinity.interPodAffinityPlugins(cache, api);
  const pts = podtopologyspread.podTopologySpreadPlugins(cache, api);
  const vr = volumerestrictions.volumeRestrictionsPlugins(cache);
  return {
    preFilters: [vr.preFilter, pts.preFilter, ipa.preFilter, volumebinding.volumeBindingPreFilter],
    // with no cordoned node, or none with a NoSchedule or NoExecute taint, those filters pass every node
    filters: [
      { ...nodeunschedulable.nodeUnschedulablePlugin, skip: () => !cache.unschedulableNodes.size },
      nodename.nodeNamePlugin,
      { ...tainttoleration.taintTolerationFilter, skip: () => !cache.noScheduleNodes.size },
      nodeaffinity.nodeAffinityFilter,
      nodeports.nodePortsPlugin,
      noderesources.nodeResourcesFitFilter,
      vr.filter,
      volumebinding.volumeBindingFilter,
      pts.filter,
      ipa.filter,
    ],
    // with no PreferNoSchedule taint anywhere, TaintToleration scores every node alike
    scores: [
      { ...tainttoleration.taintTolerationScore, skip: () => !cache.preferNoScheduleNodes.size },
      nodeaffinity.nodeAffinityScore,
      leastAllocatedPlugin,
      pts.score,
      ipa.score,
      balancedAllocationPlugin,
      imageLocalityPlugin(cache),
    ],
    reserves: [],
    preBinds: [volumebinding.volumeBindingPreBind],
  };
}
