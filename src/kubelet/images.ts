// Image behaviours: containers do not run; what an image does is declared by the scenario.

export interface ImageBehaviour {
  /** exits with this code after startedFor ms (undefined: keeps running) */
  exitCode?: number;
  exitAfterMs?: number;
  /** time from start to running */
  startDelayMs?: number;
  pullable?: boolean;
  private?: boolean;
  failsReadiness?: boolean;
  failsLiveness?: boolean;
}

export class ImageBehaviours {
  private byImage = new Map<string, ImageBehaviour>();
  set(image: string, b: Partial<ImageBehaviour>): void { this.byImage.set(image, { ...this.byImage.get(image), ...b }); }
  get(image: string): ImageBehaviour { return this.byImage.get(image) ?? {}; }
}
