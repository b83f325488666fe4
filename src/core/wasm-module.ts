// A WebAssembly module carried as base64 (scripts/build-wasm.mjs), compiled once per process and
// instantiated on a memory of its own. The memory is sized once and never grows: growing would
// detach every typed-array view JS holds of it. Pages nobody touches cost no RAM.

const PAGE = 65536;

export class WasmModule<Exports> {
  private compiled: WebAssembly.Module | undefined;

  constructor(private readonly base64: string) {}

  /** A new instance on a fresh memory of at least `bytes`, imported as `env.memory`. */
  instantiate(bytes: number): { buffer: ArrayBuffer; exports: Exports } {
    this.compiled ??= new WebAssembly.Module(Buffer.from(this.base64, 'base64'));
    const pages = Math.ceil(bytes / PAGE);
    const memory = new WebAssembly.Memory({ initial: pages, maximum: pages });
    const exports = new WebAssembly.Instance(this.compiled, { env: { memory } }).exports as unknown as Exports;
    return { buffer: memory.buffer, exports };
  }
}

/** `at` rounded up to a cache line, where each area of a module's memory starts. */
export function align(at: number): number {
  return (at + 63) & ~63;
}
