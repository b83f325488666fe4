import type { ParsedException, StackFrame } from '../core/record.js';

// Stack frames normalized for fingerprinting: the same code path gives the same frames on every
// machine, build and release. Site roots, line numbers and generated names are taken out.

const SITE_ROOTS = [
  /^.*?[/\\](?:site|dist)-packages[/\\]/,
  /^.*?[/\\]node_modules[/\\]/,
  /^(?:\/workspace|\/app|\/srv|\/code|\/usr\/src\/app|\/opt\/app|\/home\/\w+)[/\\]/,
  /^[A-Za-z]:\\(?:[^\\]+\\)*?(?=src\\)/,
  /^file:\/\/\/?/,
  /^webpack:\/\/\/?/,
];

/** "/app/app/services/x.py" → "app/services/x.py"; "/srv/node_modules/pkg/a.js" → "pkg/a.js". */
export function normalizePath(file: string): string {
  let f = file.trim().replace(/\\/g, '/');
  for (const re of SITE_ROOTS) f = f.replace(re, '');
  f = f.replace(/\?.*$/, '').replace(/:\d+(?::\d+)?$/, '');
  // Build hashes in bundle names ("main.3f9a1c.js") change per build.
  f = f.replace(/\.[0-9a-f]{6,}(?=\.\w+$)/, '');
  return f.replace(/^\/+/, '');
}

/** Anonymous and generated function names folded: "<lambda>", "Object.<anonymous>", "$1", "func1". */
export function normalizeFunction(fn: string | undefined): string {
  if (fn === undefined || fn.trim() === '') return '?';
  let f = fn.trim();
  f = f.replace(/^async /, '').replace(/^new /, '');
  f = f.replace(/\$\$Lambda\$\d+\/0x[0-9a-f]+/g, '$$Lambda').replace(/\$\d+/g, '$');
  f = f.replace(/\.func\d+(?:\.\d+)*$/, '.func');
  f = f.replace(/<anonymous>|<lambda>|<genexpr>|<listcomp>|<dictcomp>/g, '<anon>');
  f = f.replace(/\[as [^\]]+\]/g, '').trim();
  return f;
}

export function frameLabel(frame: StackFrame): string {
  const where = frame.module ?? (frame.file !== undefined ? normalizePath(frame.file).replace(/\.(py|js|ts|mjs|cjs|go|java|kt)$/, '') : '?');
  return `${where}:${normalizeFunction(frame.function)}`;
}

/** The exception a fix targets: the top-level fields as the parser defines them (see core/record.ts). */
export function innermost(ex: ParsedException): ParsedException {
  return ex;
}

/**
 * Top in-app frames, innermost call first, recursion collapsed (a frame repeating the one before
 * it is one frame). Python and Go print outermost first; Java and Node innermost first.
 */
export function topInAppFrames(ex: ParsedException, limit: number): string[] {
  const frames = ex.language === 'python' || ex.language === 'go' ? [...ex.frames].reverse() : ex.frames;
  const out: string[] = [];
  for (const f of frames) {
    if (!f.inApp) continue;
    const label = frameLabel(f);
    if (out.includes(label)) continue; // recursion and mutual recursion collapse to one frame
    out.push(label);
    if (out.length >= limit) break;
  }
  return out;
}
