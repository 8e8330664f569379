import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FORMATS, formatFor, GOVERNED_GLOB, matchesGlob, STANDARD_FILE_NAMES, STANDARD_GLOB } from '../../src/core';
import manifest from '../../package.json';
import { needTool } from '../helpers';
import { CommandId, EXTENSION_ID, FIX_ALL_KIND, GOVERNED_FILES_CONTEXT, Setting } from '../../src/extension/ids';

const root = path.join(__dirname, '../..');

describe('package.json, the extension manifest', () => {
  it('contributes exactly the commands the extension registers, in the Stack Standard category', () => {
    const contributed = manifest.contributes.commands.map((c: { command: string; category: string }) => [
      c.command,
      c.category,
    ]);
    assert.deepEqual(
      contributed,
      Object.values(CommandId).map((id) => [id, 'Stack Standard']),
    );
  });

  it('shows the file-scoped command in the editor title bar, context menu and palette only for governed files', () => {
    const when = `resourceScheme == file && resourcePath in ${GOVERNED_FILES_CONTEXT}`;
    const { menus } = manifest.contributes;
    assert.deepEqual(Object.keys(menus).sort(), ['commandPalette', 'editor/context', 'editor/title']);
    for (const [place, items] of Object.entries(menus)) {
      assert.deepEqual(
        items.map((m) => [m.command, m.when]),
        [[CommandId.applyStandardToFile, when]],
        place,
      );
    }
    const titles = Object.fromEntries(
      manifest.contributes.commands.map((c: { command: string; title: string }) => [c.command, c.title]),
    );
    assert.equal(titles[CommandId.applyStandard], 'Apply stack standard');
    assert.equal(titles[CommandId.applyStandardToFile], 'Apply stack standard to this file');
  });

  it('declares every setting the extension reads, each with a scope and a markdown description', () => {
    const properties = manifest.contributes.configuration.properties as Record<
      string,
      { scope?: string; markdownDescription?: string }
    >;
    const read = Object.entries(Setting)
      .filter(([key]) => key !== 'section')
      .map(([, name]) => `${Setting.section}.${name}`);
    assert.deepEqual(Object.keys(properties).sort(), read.sort());
    for (const [name, p] of Object.entries(properties)) {
      assert.ok(p.scope && p.markdownDescription, `${name} has a scope and a markdownDescription`);
    }
  });

  it('names the extension as the code refers to it and keeps editor requirements within what is tested', () => {
    assert.equal(`${manifest.publisher}.${manifest.name}`, EXTENSION_ID);
    assert.equal(manifest.displayName, 'Stack Standard');
    assert.equal(manifest.main, './dist/extension.js');
    assert.deepEqual(manifest.bin, { 'stack-standard': './dist/cli.js' });
    // The host tests run VS Code 1.139; the API the code compiles against must not be newer than the engine.
    assert.equal(manifest.engines.vscode, '^1.95.0');
    assert.equal(manifest.devDependencies['@types/vscode'], '1.95.0');
    assert.deepEqual(manifest.capabilities.untrustedWorkspaces, { supported: true });
    assert.equal(FIX_ALL_KIND, 'source.fixAll.stackStandard');
  });

  it('claims for the pip-requirements language the files the engine reads as requirements, as far as globs can say', () => {
    const language = manifest.contributes.languages.find((l) => l.id === 'pip-requirements');
    assert.ok(language?.filenamePatterns);
    assert.equal(language.extensions, undefined, 'no extension claims every .in');
    // VS Code matches these patterns ignoring case, against the whole path when they hold a '/'.
    const claimed = (file: string) =>
      language.filenamePatterns.some((glob) => matchesGlob(file.toLowerCase(), glob.toLowerCase()));
    const names = [
      'requirements.txt',
      'sub/requirements-dev.txt',
      'dev-requirements.txt',
      'constraints.txt',
      'constraints-ci.txt',
      'notes.txt',
      'requirements.in',
      'dev-requirements.in',
      'Requirements-Dev.in',
      'constraints.in',
      'requirements/dev.in',
      'reqs/base.in',
      'README.rst.in',
      'docs/cli.md.in',
      'setup.py.in',
      'config.h.in',
      'MANIFEST.in',
      'Makefile.in',
      'base.in',
    ];
    for (const name of names)
      assert.equal(claimed(`/p/${name}`), formatFor(`/p/${name}`)?.kind === 'requirements', name);
    // What a glob cannot say: "no other extension before .in". The engine alone leaves these out.
    for (const name of ['requirements.txt.in', 'requirements/README.rst.in']) {
      assert.deepEqual([claimed(`/p/${name}`), formatFor(`/p/${name}`)?.kind], [true, undefined], name);
    }
  });

  it('gives the kinds VS Code has a grammar for, but does not know by name, that grammar: INI, JSON with comments, JSON', () => {
    const named = (id: string) =>
      manifest.contributes.languages
        .filter((l) => l.id === id)
        .flatMap((l) => (l as { filenames?: string[] }).filenames ?? []);
    // VS Code maps `.ini`, `.cfg`, `.json`, `.yaml`, Dockerfiles and Makefiles itself; these names it leaves plain text.
    assert.deepEqual(named('ini'), ['pylintrc', '.pylintrc']);
    // pyright and dev containers read comments and trailing commas, which the plain JSON grammar marks as errors.
    assert.deepEqual(named('jsonc'), ['pyrightconfig.json', 'devcontainer.json', '.devcontainer.json']);
    assert.deepEqual(named('json'), ['Pipfile.lock']);
    const kinds = [
      'pylintrc',
      '.pylintrc',
      'pyrightconfig.json',
      '.devcontainer/devcontainer.json',
      '.devcontainer.json',
      'Pipfile.lock',
    ];
    assert.deepEqual(
      kinds.map((name) => formatFor(`/p/${name}`)?.kind),
      ['pylintrc', 'pylintrc', 'pyright', 'devcontainer', 'devcontainer', 'pipfile-lock'],
    );
  });

  it('activates on every file kind the engine reads and every standard file, from the one table of formats', () => {
    assert.deepEqual(
      manifest.activationEvents,
      [
        ...FORMATS.flatMap((f) => f.globs).map((glob) => `workspaceContains:**/${glob}`),
        ...STANDARD_FILE_NAMES.map((name) => `workspaceContains:**/${name}`),
        'onLanguage:pip-requirements',
      ],
      '`npm run sync-manifest` writes them',
    );
  });

  it("watches with globs that match every file the engine reads, in any case where the engine's names ignore it", () => {
    const names = [
      'requirements.txt',
      'Requirements.txt',
      'REQUIREMENTS-DEV.TXT',
      'sub/dev-requirements.txt',
      'Constraints.txt',
      'requirements/dev.in',
      'Requirements.IN',
      'pyproject.toml',
      'infra/main.tf',
      '.pre-commit-config.yaml',
      '.pre-commit-config.yml',
      'cloudbuild.yaml',
      'deploy/cloudbuild-prod.json',
      'app.yaml',
    ];
    for (const name of names) {
      assert.ok(formatFor(`/p/${name}`), `${name} is read`);
      assert.ok(matchesGlob(`/p/${name}`, GOVERNED_GLOB), `${name} is watched`);
    }
    for (const name of ['notes.txt', 'pyproject.toml.bak', 'main.tfvars', 'pre-commit-config.yaml', 'application.yaml'])
      assert.equal(matchesGlob(`/p/${name}`, GOVERNED_GLOB), false, name);
    for (const name of STANDARD_FILE_NAMES) assert.ok(matchesGlob(`/p/${name}`, STANDARD_GLOB), name);
  });

  it('points every contributed file at something that exists', () => {
    const { contributes } = manifest;
    const files = [
      ...contributes.languages.flatMap((l) => (l.configuration ? [l.configuration] : [])),
      ...contributes.grammars.map((g) => g.path),
      ...contributes.snippets.map((s) => s.path),
      ...contributes.jsonValidation.map((v) => v.url),
      ...contributes.yamlValidation.map((v) => v.url),
      manifest.icon,
    ];
    for (const file of files) assert.ok(fs.existsSync(path.join(root, file)), file);
  });

  it('ships a pre-commit hook manifest that pre-commit accepts', function () {
    const r = spawnSync('pre-commit', ['validate-manifest', path.join(root, '.pre-commit-hooks.yaml')], {
      encoding: 'utf8',
    });
    needTool(this, 'pre-commit', r.error === undefined);
    assert.equal(r.status, 0, r.stdout + r.stderr);
  });
});
