// Model-only steps: what only the embedded model can do (move virtual time, fail a node's kubelet, give an
// image a behaviour, route traffic through kube-proxy's rules). A step definition says so in its comment,
// `Model-only (<why>): ...`, which the catalogue shows and the live classifier reads (classify.ts).

/** The marker of a model-only step's comment and its reason: `Model-only (virtual time): advances ...`. */
export const MODEL_ONLY = /^Model-only \(([^)]+)\):/;

/** The reason a step's comment gives for being model-only, or undefined. */
export function modelOnlyReason(doc: string): string | undefined {
  return MODEL_ONLY.exec(doc)?.[1];
}

/**
 * A model-only step reached on a live target. The classifier skips such scenarios before they start, so this is
 * a safety net: the scenario fails rather than passing without the model.
 */
export class ModelOnlyError extends Error {
  constructor() {
    super(
      'this step needs the embedded model (it is model-only), but the scenario runs on a live cluster: ' +
        'mark the step definition `Model-only (<why>):` in its comment so `kspec run --kubeconfig` skips such scenarios',
    );
    this.name = 'ModelOnlyError';
  }
}

/** The media type of the notes a live run attaches to a scenario: why it was skipped, where it ran. */
export const LIVE_NOTE_MEDIA_TYPE = 'text/x.kspec.live+plain';
