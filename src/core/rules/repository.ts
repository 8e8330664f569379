// Rules over a repository as a whole: what no single file shows. The standard's pre-commit hooks need a config file;
// rules comparing files with each other belong here too, as they see every governed file's facts.
import path = require('node:path');
import type { Fact } from '../facts';
import { PRECOMMIT_CONFIG, PRECOMMIT_CONFIGS, precommitConfigFor } from '../formats/precommit';
import type { Standard } from '../standard/model';
import { fileStart } from '../text';
import type { Finding } from '../types';
import { judgeConsistency } from './consistency';
import { severityOf } from './finding';
import { requiredHooks } from './hooks';

/** What a repository rule sees. */
export interface RepositoryView {
  root: string;
  /** Whether the repository has Python files (outside the folders a walk skips). */
  hasPython: boolean;
  exists(file: string): boolean;
  /** The facts of its governed files, by path. */
  files: ReadonlyMap<string, readonly Fact[]>;
  /** Where a finding about the repository as a whole is shown, when not on a file it names (an editor shows
   * diagnostics on files that exist). */
  anchor?: string;
}

export function judgeRepository(repository: RepositoryView, standard: Standard): Finding[] {
  return [...precommitConfigMissing(repository, standard), ...judgeConsistency(repository.files, standard)];
}

/** `precommit-config-missing` for a repository with Python files and no `.pre-commit-config.yaml`, with a fix creating it. */
function precommitConfigMissing(repository: RepositoryView, standard: Standard): Finding[] {
  const hooks = requiredHooks(standard.precommit.hooks);
  const config = path.join(repository.root, PRECOMMIT_CONFIG);
  if (
    !repository.hasPython ||
    hooks.length === 0 ||
    PRECOMMIT_CONFIGS.some((name) => repository.exists(path.join(repository.root, name)))
  )
    return [];
  const at = fileStart();
  const content = precommitConfigFor(hooks.map((h) => ({ id: h.id, repo: h.repos[0], rev: h.rev ?? '' })));
  return [
    {
      code: 'precommit-config-missing',
      severity: severityOf('precommit-config-missing'),
      message: `This repository has Python files but no ${PRECOMMIT_CONFIG}; the standard requires the ${hooks
        .map((h) => h.id)
        .join(', ')} hooks`,
      file: repository.anchor ?? config,
      range: at,
      fixes: [
        {
          title: `Create ${PRECOMMIT_CONFIG} with the standard's hooks`,
          isPreferred: true,
          edits: [{ file: config, range: at, newText: content, create: true }],
        },
      ],
    },
  ];
}
