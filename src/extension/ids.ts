// Every id the extension contributes, declared once; package.json's `contributes` must match (a test checks it).

export const EXTENSION_ID = 'stack-standard.stack-standard';
export const SOURCE = 'Stack Standard';
export const FIX_ALL_KIND = 'source.fixAll.stackStandard';
/** A context key: the paths of open documents the extension checks; menus show the file-scoped command for them. */
export const GOVERNED_FILES_CONTEXT = 'stackStandard.governedFiles';
export const EFFECTIVE_STANDARD_SCHEME = 'stack-standard';

export const CommandId = {
  applyStandard: 'stackStandard.applyStandard',
  applyStandardToFile: 'stackStandard.applyStandardToFile',
  showEffectiveStandard: 'stackStandard.showEffectiveStandard',
  createStandardFile: 'stackStandard.createStandardFile',
} as const;

export const Setting = {
  section: 'stackStandard',
  enable: 'enable',
  standardPath: 'standardPath',
  scanWorkspace: 'scanWorkspace',
  exclude: 'exclude',
  severity: 'severity',
  trace: 'trace',
} as const;

export type SeverityOverride = 'error' | 'warning' | 'info' | 'hint' | 'off';

/** Mirrors `contributes.configuration`. */
export interface Settings {
  enable: boolean;
  standardPath: string;
  scanWorkspace: boolean;
  exclude: string[];
  severity: Record<string, SeverityOverride>;
  trace: 'off' | 'messages' | 'verbose';
}
