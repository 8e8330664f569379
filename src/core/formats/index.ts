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
  analyze(file: SourceFile, ctx: AnalysisContext): Finding[];
}

export const FORMATS: readonly Format[] = [
  {
    kind: 'requirements',
    // `*.in` is pip-compile's input; setuptools' MANIFEST.in shares the extension and is not a requirements file.
    matches: (name) => (/requirements.*\.txt$/i.test(name) || /^constraints.*\.txt$/i.test(name) || /\.in$/i.test(name)) && name.toLowerCase() !== 'manifest.in',
    analyze: (file, ctx) => analyzeRequirements(file, ctx),
  },
  { kind: 'pyproject', matches: (name) => name === 'pyproject.toml', analyze: analyzePyproject },
  { kind: 'terraform', matches: (name) => name.endsWith('.tf'), analyze: analyzeTerraform },
  { kind: 'precommit', matches: (name) => name === '.pre-commit-config.yaml' || name === '.pre-commit-config.yml', analyze: analyzePrecommit },
];

export function formatFor(file: string): Format | undefined {
  const name = path.basename(file);
  return FORMATS.find((f) => f.matches(name));
}
