// pkg/controller/ttlafterfinished/ttlafterfinished_controller.go: a finished Job with ttlSecondsAfterFinished
// is deleted (foreground, so its pods go first) once that many seconds have passed since it finished; until
// then it is looked at again when the time is due.

import { Controller, type ControllerContext } from '../../client/controller';
import { objKey, splitKey } from '../../api/meta';
import { isStatusError } from '../../api/errors';
import { finishTime, isJobFinished } from '../job/util';

export class TTLAfterFinishedController extends Controller {
  readonly name = 'ttl-after-finished-controller';

  constructor(ctx: ControllerContext) {
    super(ctx);
    this.watch('jobs', (ev) => {
      const j = ev.object;
      if (
        ev.type !== 'DELETED' &&
        !j.metadata.deletionTimestamp &&
        j.spec?.ttlSecondsAfterFinished !== undefined &&
        j.spec?.ttlSecondsAfterFinished !== null &&
        isJobFinished(j)
      )
        this.enqueue(objKey(j));
    });
  }

  sync(key: string): void {
    const [namespace, name] = splitKey(key);
    const job = this.api.tryGet('jobs', namespace, name);
    if (!job || job.metadata.deletionTimestamp || !isJobFinished(job)) return;
    const ttl = job.spec?.ttlSecondsAfterFinished;
    if (ttl === undefined || ttl === null) return;
    const expireAt = (finishTime(job) ?? this.now()) + ttl * 1000;
    if (this.now() < expireAt) {
      this.enqueueAfter(key, expireAt - this.now());
      return;
    }
    try {
      this.api.delete('jobs', namespace, name, { propagationPolicy: 'Foreground', uid: job.metadata.uid });
    } catch (e) {
      if (!isStatusError(e) || e.reason !== 'NotFound') throw e;
    }
  }
}
