// Read the Docs' `.readthedocs.yaml` / `.readthedocs.yml`: `build.tools.python`, the Python the docs are built with
// (`"3.10"`; `3`, `miniconda3-4.7` or `mambaforge-22.9` name no minor of CPython). An unquoted `3.10` is the number
// 3.1 to the YAML reader, which Read the Docs then refuses: a problem of its own, with a fix that quotes it.
import path = require('node:path');
import { isScalar, type Node } from 'yaml';
import type { Fact } from '../facts';
import type { Version } from '../versions';
import { dottedMinorVersion, majorMinor } from '../versions/runtimes';
import type { SourceFile } from '../fileSystem';
import { floatVersionProblem, scalarText, readYamlFile } from './yamlVersions';

export const READTHEDOCS_CONFIGS = ['.readthedocs.yaml', '.readthedocs.yml'];

const DOTTED = (v: Version) => majorMinor(v).join('.');

export function readReadthedocs(file: SourceFile): Fact[] {
  const { doc, source, facts } = readYamlFile(file);
  const node = doc.getIn(['build', 'tools', 'python'], true) as Node | undefined;
  const scalar = scalarText(source, file.text, node);
  if (!scalar || !isScalar(node)) return facts;
  facts.push(...floatVersionProblem(scalar, node));
  const version = dottedMinorVersion(scalar.text);
  if (version)
    facts.push({
      kind: 'python',
      label: 'build.tools.python',
      role: 'runs',
      judgedBy: 'python',
      place: scalar.place,
      // A plain version is written back quoted: unquoted, `3.10` would be the number 3.1.
      statement: { form: 'version', version, shown: scalar.text, spell: DOTTED, quote: scalar.quote ? '' : '"' },
    });
  return facts;
}

export function isReadthedocsConfig(file: string): boolean {
  return READTHEDOCS_CONFIGS.includes(path.basename(file));
}
