// Loghub header formats ("<Date> <Time> <Level>: <Content>") as used by the logparser benchmarks:
// each <Field> captures lazily, the text between fields is a regex fragment (the formats carry
// escapes such as "\[" and groups such as "(\[<PID>\])?") whose spaces match any run of spaces.
// The Content field is what gets mined.

export interface LogFormat {
  fields: string[];
  /** Fields of a line, or undefined if the line does not have this format. */
  parse(line: string): Record<string, string> | undefined;
  /** Just the Content field (fast path for mining), or undefined if the line does not match. */
  content(line: string): string | undefined;
}

export function compileLogFormat(format: string): LogFormat {
  const fields: string[] = [];
  let pattern = '';
  const re = /<([^<>]+)>/g;
  let last = 0;
  for (let m = re.exec(format); m !== null; m = re.exec(format)) {
    pattern += format.slice(last, m.index).replace(/ +/g, '\\s+');
    const name = m[1] as string;
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`log format: field <${name}> must be a plain name`);
    if (fields.includes(name)) throw new Error(`log format: field <${name}> appears twice`);
    fields.push(name);
    pattern += `(?<${name}>.*?)`;
    last = m.index + m[0].length;
  }
  pattern += format.slice(last).replace(/ +/g, '\\s+');
  if (!fields.includes('Content')) throw new Error('log format: it must contain a <Content> field');
  let regex: RegExp;
  try {
    regex = new RegExp('^' + pattern + '$');
  } catch (err) {
    throw new Error(`log format: not a valid pattern (${(err as Error).message})`);
  }
  return {
    fields,
    parse(line) {
      const m = regex.exec(line);
      if (m === null || m.groups === undefined) return undefined;
      const out: Record<string, string> = {};
      for (const f of fields) out[f] = m.groups[f] ?? '';
      return out;
    },
    content(line) {
      const m = regex.exec(line);
      return m?.groups?.['Content'];
    },
  };
}
