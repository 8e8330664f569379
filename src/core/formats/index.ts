import * as path from 'node:path';
import type { Finding } from '../types';
import type { AnalysisContext, SourceFile } from './context';
import { analyzeRequirements } from './requirements';

export type FileKind = 'requirements';

export interface Format {
  kind: FileKind;
  matches(basename: string): boolean;
  analyze(file: SourceFile, ctx: AnalysisContext): Finding[];
}

// `*.in` is pip-compile's input; setuptools' MANIFEST.in shares the extension and is not a requirements file.
const requirements: Format = {
  kind: 'requirements',
  matches: (name) => (/requirements.*\.txt$/i.test(name) || /^constraints.*\.txt$/i.test(name) || /\.in$/i.test(name)) && name.toLowerCase() !== 'manifest.in',
  analyze: (file, ctx) => analyzeRequirements(file, ctx),
};

export const FORMATS: readonly Format[] = [requirements];

export function formatFor(file: string): Format | undefined {
  const name = path.basename(file);
  return FORMATS.find((f) => f.matches(name));
}
