// A watch over HTTP (apiserver/pkg/endpoints/handlers/watch.go): a chunked stream of JSON events, one per line,
// `{"type":"ADDED","object":{...}}`. It starts from the request's resourceVersion (replayed from the watch cache;
// 410 Expired when older than its window) or, without one, with the current objects as ADDED events. Bookmarks
// are sent to clients that allow them; timeoutSeconds ends the stream. A client that goes away stops the watch.

import type { KObject } from '../api/meta';
import type { ResourceInfo } from '../api/kinds';
import { invalid, field, badRequest } from '../api/errors';
import type { ApiRequest, ApiResponse, StreamSink } from './types';
import { errs, statusOf } from './status';
import { toTable } from '../apiserver/printers/table';
import { TooOld } from './watch-cache';
import type { ApiHandler } from './handler';
import { selects, type Selection, type Shape } from './rest';
import { wallClock } from '../runtime/wall-clock';

/** How often a watch that allows bookmarks gets one (the cacher's bookmark frequency is about a minute). */
export const BOOKMARK_INTERVAL_MS = 60_000;

export function watchResponse(
  h: ApiHandler,
  req: ApiRequest,
  r: ResourceInfo,
  namespace: string | undefined,
  sel: Selection,
  shape: Shape,
): ApiResponse {
  const q = req.query;
  if (q.get('sendInitialEvents') !== null) {
    // the WatchList feature gate is off in v1.30 (alpha): a client falls back to list and watch
    const errors = [
      field.forbidden(
        'sendInitialEvents',
        'sendInitialEvents is forbidden for watch unless the WatchList feature gate is enabled',
      ),
    ];
    if (q.get('resourceVersionMatch') !== 'NotOlderThan')
      errors.unshift(
        field.forbidden(
          'resourceVersionMatch',
          'sendInitialEvents requires setting resourceVersionMatch to NotOlderThan',
        ),
      );
    throw invalid({ kind: 'ListOptions', group: 'meta.k8s.io' } as ResourceInfo, '', errors);
  }
  const rvParam = q.get('resourceVersion') ?? '';
  const rv = rvParam === '' || rvParam === '0' ? undefined : Number(rvParam);
  if (rv !== undefined && (!Number.isInteger(rv) || rv < 0))
    throw badRequest(`invalid resource version: strconv.ParseUint: parsing ${JSON.stringify(rvParam)}: invalid syntax`);
  const timeout = Number(q.get('timeoutSeconds') ?? 0);
  const bookmarks = q.get('allowWatchBookmarks') === 'true';
  const include = (q.get('includeObject') || 'Metadata') as 'None' | 'Metadata' | 'Object';
  const cluster = h.cluster;

  return {
    type: 'stream',
    status: 200,
    headers: { 'content-type': 'application/json' },
    open(sink: StreamSink) {
      let headers = true;
      const encode = (type: string, o: KObject): string => {
        let object: unknown = o;
        if (shape === 'table') {
          object = toTable(r, [o], cluster.clock.now(), { include, noHeaders: !headers });
          headers = false;
        } else if (shape === 'metadata')
          object = { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata };
        return JSON.stringify({ type, object }) + '\n';
      };
      const filter = { resource: r.resource, namespace, matches: (o: KObject) => selects(sel, o) };
      let stop: () => void = () => {};
      const timers: NodeJS.Timeout[] = [];
      let closed = false;
      const close = () => {
        if (closed) return;
        closed = true;
        stop();
        for (const t of timers) wallClock.clear(t);
        sink.end();
      };
      try {
        const initial =
          rv === undefined ? cluster.api.list(r.resource, { namespace }).filter(filter.matches) : undefined;
        // an in-process client takes the objects themselves; the object shape needs no encoding for it
        const send =
          sink.event && shape === 'object'
            ? (type: string, o: KObject) => {
                if (!closed) sink.event!(type, o);
              }
            : (type: string, o: KObject) => {
                if (!closed) sink.write(encode(type, o));
              };
        stop = h.watchCache.watch({ filter, send }, initial ? { initial } : { rv: rv! });
      } catch (e) {
        if (!(e instanceof TooOld)) throw e;
        // the cacher answers a too old resourceVersion with an ERROR event carrying 410 Expired, then ends
        sink.write(JSON.stringify({ type: 'ERROR', object: statusOf(errs.expired(e.message)) }) + '\n');
        sink.end();
        return () => {};
      }
      if (bookmarks) {
        timers.push(
          wallClock.every(h.opts.bookmarkIntervalMs ?? BOOKMARK_INTERVAL_MS, () => {
            if (closed) return;
            sink.write(
              JSON.stringify({
                type: 'BOOKMARK',
                object: {
                  kind: r.kind,
                  apiVersion: r.group ? `${r.group}/${r.version}` : r.version,
                  metadata: { resourceVersion: String(cluster.store.resourceVersion()), creationTimestamp: null },
                },
              }) + '\n',
            );
          }),
        );
      }
      if (timeout > 0) timers.push(wallClock.after(timeout * 1000, close));
      return close;
    },
  };
}
