// Whether a frame is the service's own code. Library, runtime and standard-library frames are not:
// a fix targets in-app frames, and fingerprints built on them survive dependency upgrades.

const PYTHON_LIB = [/[/\\](site|dist)-packages[/\\]/, /^\/usr\/(local\/)?lib\/python\d/, /[/\\]lib[/\\]python\d+(\.\d+)?[/\\]/, /^<frozen /];
const NODE_LIB = [/[/\\]node_modules[/\\]/, /^node:/, /^internal[/\\]/];
const JAVA_LIB = /^(java|javax|sun|jdk|com\.sun)\./;
const GO_LIB_FILE = [/^\/usr\/(local\/)?(lib\/)?go\/src\//, /\/go\/src\/runtime\//, /\/pkg\/mod\//, /^\$?GOROOT\//];

export function pythonInApp(file: string | undefined): boolean {
  if (file === undefined) return false;
  return !PYTHON_LIB.some((re) => re.test(file));
}

export function nodeInApp(file: string | undefined): boolean {
  if (file === undefined) return false;
  return !NODE_LIB.some((re) => re.test(file));
}

export function javaInApp(qualifiedClass: string): boolean {
  return !JAVA_LIB.test(qualifiedClass);
}

export function goInApp(func: string | undefined, file: string | undefined): boolean {
  if (func !== undefined && /^(runtime|syscall|internal\/[\w/]+|net\/http|reflect|sync)\./.test(func)) return false;
  if (file !== undefined && GO_LIB_FILE.some((re) => re.test(file))) return false;
  return true;
}

/** The dotted module of a file under site-packages ("…/site-packages/foo/bar.py" → "foo.bar"). */
export function pythonModuleOf(file: string): string | undefined {
  const m = /[/\\](?:site|dist)-packages[/\\](.+?)\.py$/.exec(file);
  if (m?.[1] === undefined) return undefined;
  return m[1].replace(/[/\\]/g, '.').replace(/\.__init__$/, '');
}
