// A large workspace for the extension's scan test (test/integration/scale): services of 20 governed files each, of
// every common kind, with Python sources between them, nested repositories and standard files, and a monolith whose
// one folder holds a thousand Python modules (each read by the walk for script metadata) beside a 5,000-line
// requirements file. The same tree every time; `.scale.json` at its root says what it holds.
import fs from 'node:fs';
import path from 'node:path';

const PACKAGES = ['pandas', 'numpy', 'requests', 'flask', 'scipy', 'black', 'pytest', 'httpx', 'google-cloud-storage'];

/** The 20 governed files of service `s`, and what else lies beside them. */
function service(s) {
  const name = `svc-${String(s).padStart(3, '0')}`;
  const old = s % 3 === 0;
  const py = old ? '3.9' : '3.11';
  const pins = Array.from({ length: 25 }, (_, i) =>
    i < PACKAGES.length ? `${PACKAGES[i]}==${1 + ((s + i) % 3)}.${i % 10}.0` : `acme-lib-${i}==0.${i}.${s % 7}`,
  );
  const locked = Array.from({ length: 30 }, (_, i) => [i < PACKAGES.length ? PACKAGES[i] : `acme-dep-${i}`, i]);
  const governed = {
    'requirements.txt': `# ${name}'s runtime dependencies\n-c constraints.txt\n${pins.join('\n')}\n`,
    'requirements-dev.txt': '-r requirements.txt\npytest~=6.2\nblack==22.3.0\nmypy\n',
    'constraints.txt': `${PACKAGES.map((p) => `${p}<99`).join('\n')}\n`,
    'pyproject.toml': `[project]\nname = "${name}"\nrequires-python = ">=${py}"\ndependencies = [\n${pins
      .slice(0, 8)
      .map((p) => `    "${p.replace('==', '>=')}",`)
      .join('\n')}\n]\n\n[tool.black]\ntarget-version = ["py${py.replace('.', '')}"]\n`,
    'uv.lock': `version = 1\nrevision = 3\nrequires-python = ">=${py}"\n${locked
      .map(
        ([p, i]) =>
          `\n[[package]]\nname = "${p}"\nversion = "${1 + (i % 2)}.${i}.0"\nsource = { registry = "https://pypi.org/simple" }\n`,
      )
      .join('')}`,
    'infra/main.tf': `resource "google_cloudfunctions_function" "fn" {\n  name    = "${name}"\n  runtime = "python${py.replace('.', '')}"\n}\n\nresource "google_cloudfunctions2_function" "gen2" {\n  name = "${name}-v2"\n  build_config {\n    runtime     = var.runtime\n    entry_point = "main"\n  }\n}\n`,
    'infra/variables.tf': 'variable "runtime" {\n  type    = string\n  default = "python310"\n}\n',
    '.pre-commit-config.yaml': `repos:\n  - repo: https://github.com/psf/black\n    rev: ${old ? '22.3.0' : '23.1.0'}\n    hooks:\n      - id: black\n  - repo: https://github.com/pycqa/flake8\n    rev: 6.0.0\n    hooks:\n      - id: flake8\n  - repo: https://github.com/pre-commit/mirrors-mypy\n    rev: v1.4.0\n    hooks:\n      - id: mypy\n`,
    Dockerfile: `FROM python:${py}-slim AS build\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\n`,
    '.github/workflows/ci.yml': `name: ci\non: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    strategy:\n      matrix:\n        python-version: ["${py}", "3.12"]\n    steps:\n      - uses: actions/checkout@v4\n      - uses: actions/setup-python@v5\n        with:\n          python-version: \${{ matrix.python-version }}\n`,
    'docker-compose.yml': `services:\n  app:\n    build: .\n  worker:\n    image: python:${py}-slim\n`,
    'cloudbuild.yaml': `steps:\n  - name: python:${py}\n    entrypoint: pytest\n  - name: gcr.io/google.com/cloudsdktool/cloud-sdk\n    args: [gcloud, functions, deploy, ${name}, --runtime=python${py.replace('.', '')}]\n`,
    'app.yaml': `runtime: python${py.replace('.', '')}\n`,
    '.python-version': `${py}\n`,
    'tox.ini': `[tox]\nenvlist = py${py.replace('.', '')}, py312\n\n[testenv]\ncommands = pytest\n`,
    'setup.cfg': `[metadata]\nname = ${name}\n\n[options]\npython_requires = >=${py}\ninstall_requires =\n    requests>=2.28\n    flask\n`,
    'mypy.ini': `[mypy]\npython_version = ${py}\n`,
    'noxfile.py': `import nox\n\n\n@nox.session(python=["${py}", "3.12"])\ndef tests(session):\n    session.run("pytest")\n`,
    Makefile:
      '.PHONY: test build deploy clean lint format\n\ntest:\n\tpytest\nbuild:\n\tpython -m build\ndeploy:\n\tgcloud run deploy\nclean:\n\trm -rf dist\nlint:\n\tflake8\nformat:\n\tblack .\n',
    'environment.yml': `name: ${name}\ndependencies:\n  - python=${py}\n  - pip:\n    - requests==2.28.0\n`,
  };
  const other = { 'README.md': `# ${name}\n`, 'data/sample.csv': 'a,b\n1,2\n' };
  for (let i = 0; i < 10; i++)
    other[`src/${name.replace('-', '_')}/mod${i}.py`] = `def handler_${i}(event):\n    return ${i}\n`;
  // Every tenth service has a standard of its own; every 25th is a repository of its own.
  if (s % 10 === 0) other['stack-standard.yaml'] = 'extends: builtin\npackages:\n  pandas: "2.1.0"\n';
  if (s % 25 === 0) other['.git/HEAD'] = 'ref: refs/heads/main\n';
  return { name, governed, other };
}

/** A 5,000-line requirements file in pip-compile's style: pins, hashes and `# via` comments. */
function bigRequirements() {
  const lines = ['# This file is autogenerated by pip-compile', '--index-url https://pypi.org/simple'];
  for (let i = 0; lines.length < 5000; i++) {
    const name = i < PACKAGES.length ? PACKAGES[i] : `acme-pkg-${i}`;
    lines.push(`${name}==${1 + (i % 4)}.${i % 30}.${i % 10} \\`, `    --hash=sha256:${String(i).padStart(64, '0')}`);
    lines.push(`    # via acme-pkg-${i % 50}`);
  }
  return `${lines.slice(0, 5000).join('\n')}\n`;
}

/** Write the tree of `services` services into `dir`; returns what `.scale.json` says. */
export function writeScaleWorkspace(dir, services = 100) {
  const files = {
    'stack-standard.yaml': 'extends: builtin\n',
    '.gitignore': 'build/\n',
    'build/requirements.txt': 'pandas==0.1\n',
    'monolith/requirements.txt': bigRequirements(),
  };
  for (let i = 0; i < 1000; i++) files[`monolith/app/migrations/m${String(i).padStart(4, '0')}.py`] = `N = ${i}\n`;
  let governed = 1;
  let standards = 1;
  for (let s = 0; s < services; s++) {
    const { name, governed: g, other } = service(s);
    for (const [file, text] of Object.entries({ ...g, ...other })) files[`services/${name}/${file}`] = text;
    governed += Object.keys(g).length;
    if (other['stack-standard.yaml']) standards++;
  }
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  const summary = { governed, standards, files: Object.keys(files).length };
  fs.writeFileSync(path.join(dir, '.scale.json'), `${JSON.stringify(summary)}\n`);
  return summary;
}
