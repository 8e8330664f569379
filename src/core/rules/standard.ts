// Rules over the standard itself: its Python minimum or runtime past python.org's end of life, or within 90 days of
// it. The finding is on the entry that sets the version; one the built-in standard sets names the file `builtin`,
// which has no text to show it on, so the adapters show it their own way.
import { BUILTIN_NAME } from '../standard/builtin';
import type { Setting, Standard } from '../standard/model';
import type { Finding } from '../types';
import type { Version } from '../versions';
import { defaultToday, endOf, lifecycleOf, whenText } from '../versions/lifecycle';
import { compareMinor } from '../versions/runtimes';
import { severityOf } from './finding';
import { MESSAGES } from './messages';

export function judgeStandard(standard: Standard, today: Date = defaultToday()): Finding[] {
  const findings: Finding[] = [];
  const check = (setting: Setting<Version> | undefined, what: 'floor' | 'runtime' | 'floor and runtime') => {
    const life = setting && lifecycleOf(setting.value, undefined, today);
    if (!setting || !life || life.status === 'supported') return;
    const builtin = setting.source.file === BUILTIN_NAME;
    findings.push({
      code: 'standard-end-of-life',
      severity: severityOf('standard-end-of-life'),
      message: MESSAGES.standardEndOfLife(
        what,
        builtin,
        setting.value.text,
        whenText(endOf(life.row)),
        life.status === 'past',
      ),
      file: setting.source.file,
      range: setting.source.range,
      fixes: [],
    });
  };
  const { python, pythonRuntime } = standard;
  // A runtime that is the floor's version says nothing the floor's finding does not.
  const same = python && pythonRuntime && compareMinor(python.value, pythonRuntime.value) === 0;
  check(python, same ? 'floor and runtime' : 'floor');
  if (!same) check(pythonRuntime, 'runtime');
  return findings;
}
