import * as path from 'node:path';
import type { Finding } from '../types';
import type { AnalysisContext, SourceFile } from './context';
import { analyzePrecommit } from './precommit';
import { analyzePyproject } from './pyproject';
import { analyzeRequirements } from './requirements';
import { analyzeTerraform } from './terraform';

export type FileKind = 'requirements' | 'pyproject' | 'terraform' | 'precommit';

export interface Format {
  kind: FileKind;
  matches(basename: string): boolean;
  /** The tool that reads this kind as UTF-8 only, ignoring a PEP 263 comment; undefined for pip's own rules. */
  utf8Only?: string;
  analyze(file: SourceFile, ctx: AnalysisContext): Finding[];
}

export const FORMATS: readonly Format[] = [
  {
    kind: 'requirements',
    // `*.in` is pip-compile's input; setuptools' MANIFEST.in shares the extension and is not a requirements file.
    matches: (name) => (/requirements.*\.txt$/i.test(name) || /^constraints.*\.txt$/i.test(name) || /\.in$/i.test(name)) && name.toLowerCase() !== 'manifest.in',
    analyze: (file, ctx) => analyzeRequirements(file, ctx),
  },
  { kind: 'pyproject', matches: (name) => name === 'pyproject.toml', utf8Only: 'tomllib and pip', analyze: analyzePyproject },
  { kind: 'terraform', matches: (name) => name.endsWith('.tf'), utf8Only: 'Terraform', analyze: analyzeTerraform },
  { kind: 'precommit', matches: (name) => name === '.pre-commit-config.yaml' || name === '.pre-commit-config.yml', utf8Only: 'pre-commit', analyze: analyzePrecommit },
];

export function formatFor(file: string): Format | undefined {
  const name = path.basename(file);
  return FORMATS.find((f) => f.matches(name));
}
