// kubectl create job and create cronjob (staging/src/k8s.io/kubectl/pkg/cmd/create/create_job.go,
// create_cronjob.go): one container named after the object, restartPolicy Never for a Job and OnFailure for a
// CronJob; `create job --from=cronjob/<name>` instantiates a CronJob's jobTemplate by hand.

import type { Command } from '../../context';
import { clone, controllerRef } from '../../../api/meta';
import { CmdError } from '../../errors';
import { resolveOrFail } from '../../resources';
import { COMMON, createObject, oneName, generatedMeta } from './create';

export const createJob: Command = {
  path: 'kubectl create job',
  flags: { ...COMMON, image: { type: 'string' }, from: { type: 'string' } },
  run(ctx) {
    const name = oneName(ctx, 'kubectl create job');
    const image = ctx.flag<string>('image'),
      from = ctx.flag<string>('from');
    if ((!image && !from) || (image && from)) throw new CmdError('either --image or --from must be specified');
    const command = ctx.parsed.dashAt >= 0 ? ctx.args.slice(ctx.parsed.dashAt) : [];
    if (from) {
      if (command.length) throw new CmdError('cannot specify --from and command');
      const [kind, source] = from.split('/');
      if (!source) throw new CmdError(`from must be of the form <resource>/<name>`);
      const r = resolveOrFail(ctx.resources, kind);
      if (r.kind !== 'CronJob') throw new CmdError(`unknown object type ${r.kind}`);
      const cj = ctx.api.get('cronjobs', ctx.namespace, source);
      const t = cj.spec?.jobTemplate ?? {};
      const annotations = { 'cronjob.kubernetes.io/instantiate': 'manual', ...(t.metadata?.annotations ?? {}) };
      createObject(
        ctx,
        {
          apiVersion: 'batch/v1',
          kind: 'Job',
          metadata: {
            name,
            namespace: ctx.namespace,
            annotations,
            ...(t.metadata?.labels ? { labels: { ...t.metadata.labels } } : {}),
            ownerReferences: [controllerRef(cj)],
          },
          spec: clone(t.spec ?? {}),
        },
        'failed to create job: ',
      );
      return;
    }
    createObject(
      ctx,
      {
        apiVersion: 'batch/v1',
        kind: 'Job',
        metadata: generatedMeta(ctx, name),
        spec: {
          template: {
            metadata: { creationTimestamp: null },
            spec: {
              containers: [{ name, image, ...(command.length ? { command } : {}), resources: {} }],
              restartPolicy: 'Never',
            },
          },
        },
        status: {},
      },
      'failed to create job: ',
    );
  },
};

export const createCronJob: Command = {
  path: 'kubectl create cronjob',
  flags: { ...COMMON, image: { type: 'string' }, schedule: { type: 'string' }, restart: { type: 'string' } },
  run(ctx) {
    const name = oneName(ctx, 'kubectl create cronjob');
    const image = ctx.flag<string>('image'),
      schedule = ctx.flag<string>('schedule');
    if (!image) throw new CmdError('required flag(s) "image" not set');
    if (!schedule) throw new CmdError('required flag(s) "schedule" not set');
    const restart = ctx.flag<string>('restart') || 'OnFailure';
    if (restart !== 'OnFailure' && restart !== 'Never')
      throw new CmdError(`restart policy must be one of OnFailure or Never`);
    const command = ctx.parsed.dashAt >= 0 ? ctx.args.slice(ctx.parsed.dashAt) : [];
    createObject(
      ctx,
      {
        apiVersion: 'batch/v1',
        kind: 'CronJob',
        metadata: generatedMeta(ctx, name),
        spec: {
          schedule,
          jobTemplate: {
            metadata: { creationTimestamp: null, name },
            spec: {
              template: {
                metadata: { creationTimestamp: null },
                spec: {
                  containers: [{ name, image, ...(command.length ? { command } : {}), resources: {} }],
                  restartPolicy: restart,
                },
              },
            },
          },
        },
        status: {},
      },
      'failed to create cronjob: ',
    );
  },
};
