// What the standard says about a name a person points at (a package, a Cloud Functions runtime, a pre-commit hook
// or its repository), in sentences the editor's hover shows next to the findings at that place.
import path = require('node:path');
import { normalizeName } from './names';
import { BUILTIN_NAME } from './standard/builtin';
import { repoKey } from './names';
import type { RuleSource, Standard } from './standard/model';

function origin(source: RuleSource): string {
  return source.file === BUILTIN_NAME
    ? 'the built-in standard'
    : `${path.basename(source.file)}, line ${source.range.start.line + 1}`;
}

/** Markdown lines describing the standard's rule for `word`, or undefined when the standard has none for it. */
export function describeRule(word: string, standard: Standard): string[] | undefined {
  const pkg = standard.packages.get(normalizeName(word));
  if (pkg) {
    const lines: string[] = [];
    if (pkg.replacedBy)
      lines.push(
        `**${pkg.name}** is replaced by **${pkg.replacedBy}** in the standard${pkg.reason ? `: ${pkg.reason}` : '.'}`,
      );
    if (pkg.minimum) {
      const pin =
        pkg.pin && pkg.pin.text !== pkg.minimum.text ? ` An exact pin is fixed to \`==${pkg.pin.text}\`.` : '';
      lines.push(`**${pkg.name}**: the standard minimum is **${pkg.minimum.text}**.${pin}`);
    }
    if (!pkg.replacedBy && !pkg.minimum)
      lines.push(`**${pkg.name}** is approved by the standard, with no minimum version.`);
    lines.push(`Set by ${origin(pkg.source)}.`);
    return lines;
  }
  const runtime = standard.terraform.cloudFunctionsRuntime;
  if (runtime && /^python\d+$/.test(word)) {
    return [
      `Cloud Functions runtime: the standard requires **${runtime.value}** or newer.`,
      `Set by ${origin(runtime.source)}.`,
    ];
  }
  const key = repoKey(word);
  const hook = standard.precommit.hooks.find((h) => h.id === word || h.repos.some((r) => repoKey(r) === key));
  if (hook) {
    const [first, ...others] = hook.repos;
    const minimum = hook.minimum ? ` at **${hook.minimum.text}** or newer (fixes write rev \`${hook.rev}\`)` : '';
    const also =
      others.length > 0
        ? ` The ${hook.id} hook of ${others.slice(0, -1).join(', ')}${others.length > 1 ? ' or ' : ''}${others[others.length - 1]} counts too.`
        : '';
    return [
      `pre-commit: the standard requires the **${hook.id}** hook from ${first}${minimum}.${also}`,
      `Set by ${origin(hook.source)}.`,
    ];
  }
  return undefined;
}
