import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseDocument } from 'yaml';
import { parseHcl } from '../../src/core/formats/hcl';
import { expandSnippet, type SnippetBody } from './snippet-syntax';

describe('expandSnippet', () => {
  it('drops bare tabstops and keeps placeholder defaults, nested ones included', () => {
    assert.equal(expandSnippet('a$1b${2}c$0'), 'abc');
    assert.equal(expandSnippet('${1:foo ${2:bar ${3:baz}}}!'), 'foo bar baz!');
    assert.equal(expandSnippet('${0:done}'), 'done');
  });

  it('takes the first option of a choice, with \\, and \\| escaped inside options', () => {
    assert.equal(expandSnippet('${1|python310,python311|}'), 'python310');
    assert.equal(expandSnippet('${1|a\\,b\\|c,d|}'), 'a,b|c');
  });

  it('mirrors every tabstop of an index to the first one that has a value', () => {
    assert.equal(expandSnippet('${1:x} = $1; ${1}'), 'x = x; x');
    assert.equal(expandSnippet('$1 then ${1:x}'), 'x then x');
    assert.equal(expandSnippet('${1:x} ${1:y}'), 'x x');
    assert.equal(expandSnippet('${1|a,b|} $1'), 'a a');
    assert.equal(expandSnippet('${1:f(${2:n})} $2'), 'f(n) n');
  });

  it('unescapes \\$, \\} and \\\\ and leaves any other backslash alone', () => {
    assert.equal(expandSnippet('\\$HOME \\} \\\\ \\n'), '$HOME } \\ \\n');
  });

  it('closes a default at the first unescaped } but treats a top-level } as text', () => {
    assert.equal(expandSnippet('${1:{"a": 1\\}}'), '{"a": 1}');
    assert.equal(expandSnippet('${1:{"a": 1}}'), '{"a": 1}');
    assert.equal(expandSnippet('f"{name}" {}'), 'f"{name}" {}');
  });

  it('resolves variables, falls back to their default when unset, and inserts unknown names', () => {
    const variables = { TM_FILENAME_BASE: 'main', TM_SELECTED_TEXT: '' };
    assert.equal(
      expandSnippet('$TM_FILENAME_BASE ${TM_FILENAME_BASE} ${TM_SELECTED_TEXT:none}|${TM_SELECTED_TEXT}|', variables),
      'main main none||',
    );
    assert.equal(expandSnippet('$PATH ${PATH:/usr/bin}', variables), 'PATH /usr/bin');
  });

  it('inserts syntax that does not parse as literal text, as VS Code does', () => {
    const text = '$ 5 ${ ${1 x} ${0|a|} ${1|a,,b|} ${1|a|b} "${var.name}" $';
    assert.equal(expandSnippet(text), text);
    assert.equal(expandSnippet('${1:a ${2:b} c'), '${1:a b c');
  });

  it('joins a body array with line feeds', () => {
    assert.equal(expandSnippet(['a', '\t${1:b}', '$0']), 'a\n\tb\n');
  });

  it('refuses what it cannot expand faithfully', () => {
    assert.throws(() => expandSnippet('${1:x} ${1/(.*)/${1:/upcase}/}'), /transforms are not supported/);
    assert.throws(() => expandSnippet('${1:a $1}'), /placeholder \$1 contains itself/);
  });
});

interface Snippet {
  prefix: string;
  body: SnippetBody;
  description: string;
}

type SnippetCheck = (prefix: string, text: string) => void;

const SNIPPETS_DIR = path.join(__dirname, '..', '..', 'snippets');

// Fixed stand-ins for the editor's variables, so an expansion does not depend on the machine.
const EDITOR_VARIABLES = {
  TM_FILENAME: 'main.py',
  TM_FILENAME_BASE: 'main',
  TM_DIRECTORY: 'src',
  TM_SELECTED_TEXT: '',
};

// Lines each expansion must contain verbatim: what the snippet is for, beyond being valid.
const PYTHON_LINES: Record<string, string[]> = {
  'ss-logging': [
    'import logging',
    'from google.cloud import logging as cloud_logging',
    'cloud_logging.Client().setup_logging()',
    'logger = logging.getLogger(__name__)',
  ],
  'ss-secret': [
    'from google.cloud import secretmanager',
    'PROJECT_ID = os.environ["GOOGLE_CLOUD_PROJECT"]',
    'def get_secret(secret_id: str) -> str:',
    '    client = secretmanager.SecretManagerServiceClient()',
    '    name = f"projects/{PROJECT_ID}/secrets/{secret_id}/versions/latest"',
    '    response = client.access_secret_version(request={"name": name})',
    '    return response.payload.data.decode("UTF-8")',
  ],
  'ss-function-http': [
    'import functions_framework',
    '@functions_framework.http',
    'def main(request: Request) -> tuple[dict[str, Any], int]:',
    '    return {"received": payload}, 200',
  ],
  'ss-bigquery': [
    'def load_rows(country: str) -> pd.DataFrame:',
    '    client = bigquery.Client()',
    '        WHERE country = @country',
    '            bigquery.ScalarQueryParameter("country", "STRING", country),',
    '    return client.query(sql, job_config=job_config).to_dataframe()',
  ],
  'ss-pubsub-subscriber': [
    'def handle_message(message: pubsub_v1.subscriber.message.Message) -> None:',
    '    message.ack()',
    '    subscriber = pubsub_v1.SubscriberClient()',
    '    subscription_path = subscriber.subscription_path(',
    '        os.environ["GOOGLE_CLOUD_PROJECT"], "my-subscription"',
    '    future = subscriber.subscribe(subscription_path, callback=handle_message)',
    '    with subscriber:',
    '            future.result(timeout=timeout)',
  ],
};

// Compared after trimming and collapsing the alignment `terraform fmt` puts before `=`.
const TERRAFORM_LINES: Record<string, string[]> = {
  'ss-cloudfunction': [
    'resource "google_cloudfunctions2_function" "function" {',
    'build_config {',
    'runtime = "python310"',
    'entry_point = "main"',
    'service_config {',
  ],
};

const PRE_COMMIT_CONFIGS: Record<string, unknown> = {
  'ss-pre-commit': {
    repos: [
      { repo: 'https://github.com/psf/black', rev: '23.1.0', hooks: [{ id: 'black' }] },
      { repo: 'https://github.com/pycqa/flake8', rev: '6.0.0', hooks: [{ id: 'flake8' }] },
      { repo: 'https://github.com/pre-commit/mirrors-mypy', rev: 'v1.4.0', hooks: [{ id: 'mypy' }] },
    ],
  },
};

const DOCKERFILE_LINES: Record<string, string[]> = {
  'ss-dockerfile': [
    'FROM python:3.10-slim AS builder',
    'RUN pip install --user -r requirements.txt',
    'COPY --from=builder /root/.local /root/.local',
    'ENV PATH=/root/.local/bin:$PATH \\',
    'CMD ["python", "main.py"]',
  ],
};

const DOCKERFILE_INSTRUCTIONS = new Set([
  'ADD',
  'ARG',
  'CMD',
  'COPY',
  'ENTRYPOINT',
  'ENV',
  'EXPOSE',
  'FROM',
  'HEALTHCHECK',
  'LABEL',
  'MAINTAINER',
  'ONBUILD',
  'RUN',
  'SHELL',
  'STOPSIGNAL',
  'USER',
  'VOLUME',
  'WORKDIR',
]);

let scratch = '';

// One check per snippet file; a file in snippets/ without a check here fails the suite.
const CHECKS: Record<string, SnippetCheck> = {
  'python.json': (prefix, text) => {
    const file = path.join(scratch, `${prefix}.py`);
    fs.writeFileSync(file, text);
    // Warnings as errors, so an invalid escape sequence fails too.
    const result = spawnSync('python3', ['-W', 'error', '-m', 'py_compile', file], { encoding: 'utf8' });
    assert.deepEqual({ status: result.status, stderr: result.stderr }, { status: 0, stderr: '' });
    assertHasLines(text.split('\n'), expected(PYTHON_LINES, prefix));
  },
  'terraform.json': (prefix, text) => {
    const { errors } = parseHcl(text);
    assert.deepEqual(errors, []);
    const lines = text.split('\n').map((line) => line.trim().replace(/\s+=\s+/, ' = '));
    assertHasLines(lines, expected(TERRAFORM_LINES, prefix));
  },
  'yaml.json': (prefix, text) => {
    const document = parseDocument(text);
    assert.deepEqual(
      document.errors.map((error) => error.message),
      [],
    );
    assert.deepEqual(document.toJS(), expected(PRE_COMMIT_CONFIGS, prefix));
  },
  'dockerfile.json': (prefix, text) => {
    const instructions = dockerfileInstructions(text);
    for (const { keyword, line } of instructions) {
      assert.ok(DOCKERFILE_INSTRUCTIONS.has(keyword.toUpperCase()), `not a Dockerfile instruction: ${line}`);
    }
    const stages = instructions
      .filter(({ keyword }) => keyword.toUpperCase() === 'FROM')
      .map(({ args }) => fromStage(args));
    assert.deepEqual(
      stages.map(({ image }) => image),
      stages.map(() => 'python:3.10-slim'),
    );
    const copiedFrom = instructions.flatMap(({ args }) => args.match(/--from=(\S+)/)?.[1] ?? []);
    assert.ok(copiedFrom.includes('builder'), 'no COPY --from=builder');
    for (const stage of copiedFrom) {
      assert.ok(
        stages.some(({ name }) => name === stage),
        `COPY --from=${stage} names no stage`,
      );
    }
    // The exec form is JSON; a quoting slip would make Docker run it through a shell instead.
    for (const { args } of instructions.filter(({ args }) => args.startsWith('['))) {
      assert.doesNotThrow(() => JSON.parse(args), `not a JSON exec form: ${args}`);
    }
    assertHasLines(text.split('\n'), expected(DOCKERFILE_LINES, prefix));
  },
};

describe('snippets', () => {
  const files = fs
    .readdirSync(SNIPPETS_DIR)
    .filter((name) => name.endsWith('.json'))
    .sort();

  before(() => {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'stack-standard-snippets-'));
  });

  after(() => {
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  it('has a check for every snippet file and a file for every check', () => {
    assert.deepEqual(files, Object.keys(CHECKS).sort());
  });

  it('gives every snippet a unique prefix starting with ss-', () => {
    const prefixes = files.flatMap((file) =>
      snippetEntries(file).map(([name, value]) => asSnippet(file, name, value).prefix),
    );
    assert.deepEqual(
      prefixes.filter((prefix) => !prefix.startsWith('ss-')),
      [],
    );
    assert.deepEqual(
      prefixes.filter((prefix, i) => prefixes.indexOf(prefix) !== i),
      [],
    );
  });

  for (const file of files) {
    describe(file, () => {
      // Read leniently here, while mocha collects tests; the tests below assert the shape.
      const entries = snippetEntries(file);

      it('is an object of snippets, each with a prefix, a body and a description', () => {
        assert.notEqual(entries.length, 0, `${file} holds no snippets`);
        for (const [name, value] of entries) asSnippet(file, name, value);
      });

      for (const [name, value] of entries) {
        it(`${name} expands to valid, standard code`, () => {
          const snippet = asSnippet(file, name, value);
          const check = CHECKS[file];
          assert.ok(check, `no check for ${file}`);
          check(snippet.prefix, expandSnippet(snippet.body, EDITOR_VARIABLES));
        });
      }
    });
  }
});

function snippetEntries(file: string): [string, unknown][] {
  const json: unknown = JSON.parse(fs.readFileSync(path.join(SNIPPETS_DIR, file), 'utf8'));
  return isRecord(json) ? Object.entries(json) : [];
}

function asSnippet(file: string, name: string, value: unknown): Snippet {
  assert.ok(isRecord(value), `${file}: ${name} is not an object`);
  assert.deepEqual(Object.keys(value).sort(), ['body', 'description', 'prefix'], `${file}: ${name}`);
  const { prefix, body, description } = value;
  assert.ok(typeof prefix === 'string', `${file}: ${name} has no string prefix`);
  assert.ok(isBody(body), `${file}: ${name} body is neither a string nor a string array`);
  assert.ok(typeof description === 'string' && description !== '', `${file}: ${name} has no description`);
  return { prefix, body, description };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isBody(value: unknown): value is SnippetBody {
  return typeof value === 'string' || (Array.isArray(value) && value.every((line) => typeof line === 'string'));
}

function expected<T>(table: Record<string, T>, prefix: string): T {
  const value = table[prefix];
  assert.ok(value !== undefined, `add what ${prefix} must expand to`);
  return value;
}

function assertHasLines(lines: readonly string[], wanted: readonly string[]): void {
  assert.deepEqual(
    wanted.filter((line) => !lines.includes(line)),
    [],
  );
}

interface DockerInstruction {
  keyword: string;
  args: string;
  line: string;
}

// Instructions as Docker reads them: comments and blank lines skipped, a line ending in \ continues the last.
function dockerfileInstructions(text: string): DockerInstruction[] {
  const instructions: DockerInstruction[] = [];
  let continued = false;
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    const isContinuation = continued;
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    continued = trimmed.endsWith('\\');
    if (isContinuation) continue;
    const [keyword, ...rest] = trimmed.split(/\s+/);
    instructions.push({ keyword, args: rest.join(' '), line });
  }
  return instructions;
}

function fromStage(args: string): { image: string; name: string | undefined } {
  const words = args.split(' ').filter((word) => !word.startsWith('--'));
  const asIndex = words.findIndex((word) => word.toUpperCase() === 'AS');
  return { image: words[0], name: asIndex === -1 ? undefined : words[asIndex + 1] };
}
