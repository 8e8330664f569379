// Rules about a repository as a whole rather than one file: the standard's pre-commit hooks need a config file.
import * as path from 'node:path';
import type { FileSystem } from '../fileSystem';
import { PRECOMMIT_CONFIG, precommitConfigFor } from '../formats/precommit';
import type { Standard } from '../standard/model';
import { fileStart } from '../text';
import type { Finding } from '../types';
import { severityOf } from './finding';
import { requiredHooks } from './hooks';

/** The repository root of `dir`: the nearest folder (itself included) holding `.git`, else `dir`. */
export function repositoryRoot(dir: string, fs: FileSystem): string {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    if (fs.exists(path.join(d, '.git'))) return d;
    if (path.dirname(d) === d) return path.resolve(dir);
  }
}

/** `precommit-config-missing` for a repository with Python files and no `.pre-commit-config.yaml`, with a fix creating it. */
export function checkRepository(root: string, hasPythonFiles: boolean, standard: Standard, fs: FileSystem): Finding[] {
  const hooks = requiredHooks(standard.precommit.hooks);
  const config = path.join(root, PRECOMMIT_CONFIG);
  if (
    !hasPythonFiles ||
    hooks.length === 0 ||
    fs.exists(config) ||
    fs.exists(path.join(root, '.pre-commit-config.yml'))
  )
    return [];
  const at = fileStart();
  return [
    {
      code: 'precommit-config-missing',
      severity: severityOf('precommit-config-missing'),
      message: `This repository has Python files but no ${PRECOMMIT_CONFIG}; the standard requires the ${hooks
        .map((h) => h.id)
        .join(', ')} hooks`,
      file: config,
      range: at,
      fixes: [
        {
          title: `Create ${PRECOMMIT_CONFIG} with the standard's hooks`,
          isPreferred: true,
          edits: [
            {
              file: config,
              range: at,
              newText: precommitConfigFor(hooks.map((h) => ({ id: h.id, repo: h.repos[0], rev: h.rev ?? '' }))),
              create: true,
            },
          ],
        },
      ],
    },
  ];
}
