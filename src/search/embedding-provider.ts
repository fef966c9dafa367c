/** The optional plug-in for an external embedding model; the engine works fully without one. */

/** Turns texts into vectors (e.g. an OpenAI-compatible endpoint or a local ONNX model). */
export interface EmbeddingProvider {
  /** Vector dimension. */
  readonly dimension: number;
  /** Embeds texts, one vector per text, in order. */
  embed(texts: readonly string[]): Promise<Float32Array[]>;
}
