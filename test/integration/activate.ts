// How every host suite starts the extension: activated, with its first workspace scan finished.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { StackStandardApi } from '../../src/extension/extension';

export const EXTENSION_ID = 'stack-standard.stack-standard';

/** The extension's API once it is active and its first scan of the workspace has finished. */
export async function activated(): Promise<StackStandardApi> {
  const extension = vscode.extensions.getExtension<StackStandardApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is installed`);
  const api = await extension.activate();
  await api.ready;
  return api;
}
