// Glob patterns as VS Code settings write them (`**/generated/**`, `*.{in,txt}`), for the exclude setting. The
// editor's own matcher needs a document; this one takes a path, so the engine and the CLI can use it too.
const cache = new Map<string, RegExp>();

function toRegExp(glob: string): RegExp {
  let out = '';
  let depth = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        const slash = glob[i + 2] === '/';
        out += slash ? '(?:.*/)?' : '.*';
        i += slash ? 2 : 1;
      } else out += '[^/]*';
    } else if (c === '?') out += '[^/]';
    else if (c === '{') {
      depth++;
      out += '(?:';
    } else if (c === '}' && depth > 0) {
      depth--;
      out += ')';
    } else if (c === ',' && depth > 0) out += '|';
    else if (c === '[' && glob.indexOf(']', i + 2) > i) {
      // A class of characters, `[rR]` or `[!0-9]`, within one path segment.
      const end = glob.indexOf(']', i + 2);
      const body = glob.slice(i + 1, end).replace(/\\/g, '\\\\');
      out += body.startsWith('!') ? `[^/${body.slice(1)}]` : `[${body}]`;
      i = end;
    } else out += /[.+^$()|[\]\\]/.test(c) ? `\\${c}` : c;
  }
  return new RegExp(`^${out}$`);
}

/** Does `relativePath` (with `/` separators) match `glob`? A pattern without `/` also matches a bare file name. */
export function matchesGlob(relativePath: string, glob: string): boolean {
  let re = cache.get(glob);
  if (!re) {
    re = toRegExp(glob);
    cache.set(glob, re);
  }
  const normal = relativePath.split('\\').join('/');
  return re.test(normal) || (!glob.includes('/') && re.test(normal.slice(normal.lastIndexOf('/') + 1)));
}

/** `glob` matching names in any case: each letter becomes a class of both (`*.in` → `*.[iI][nN]`), as a file watcher's
 * glob is case-sensitive where the file system is. */
export function caseless(glob: string): string {
  return glob.replace(/[a-z]/gi, (c) => `[${c.toLowerCase()}${c.toUpperCase()}]`);
}
