// The built-in standard: what the organisation's technology-stack document says (docs/technology-stack-standard.md).
// It is read by the same loader as an organisation's file, so it is validated by the same schema.
export const BUILTIN_NAME = 'builtin';

export const BUILTIN_STANDARD = `# The built-in Stack Standard. An organisation's file can say \`extends: builtin\` and override any entry.
python:
  minimum: "3.10"   # "Python 3.10+: Standard across all projects"
  runtime: "3.10"   # what its deployments use: the python310 Cloud Functions runtime and python:3.10-slim images

packages:
  # Data processing & analytics
  pandas: "2.0.0"
  numpy: "1.24.0"
  polars: "0.20.0"
  dask: {}
  # Machine learning & AI
  scikit-learn: "1.3.0"
  openai: "1.0.0"
  google-cloud-aiplatform: {}
  # Statistical analysis
  scipy: "1.10.0"
  statsmodels: "0.14.0"
  # Google Cloud Platform
  google-cloud-storage: "2.10.0"
  google-cloud-bigquery: "3.11.0"
  google-cloud-logging: "3.5.0"
  google-cloud-secret-manager: {}
  google-cloud-pubsub: {}
  google-cloud-scheduler: {}
  functions-framework: {}
  cloud-sql-python-connector: {}
  # HTTP & API
  aiohttp: "3.8.0"
  httpx: "0.24.0"
  requests: "2.31.0"
  flask: "2.3.0"
  # Testing
  pytest: "7.0.0"
  pytest-cov: "4.0.0"
  pytest-mock: "3.10.0"
  pytest-asyncio: "0.21.0"
  testcontainers: {}
  google-cloud-testutils: {}
  # Code quality
  black: { minimum: "23.0.0", pin: "23.1.0" }   # black has no 23.0.0 release; its first 23.x is 23.1.0
  flake8: "6.0.0"
  mypy: "1.4.0"
  pre-commit: "3.3.0"
  # Visualisation & reporting
  matplotlib: "3.7.0"
  seaborn: "0.12.0"
  plotly: "5.15.0"
  wordcloud: "1.9.0"
  jupyter: "1.0.0"
  jupyterlab: "4.0.0"
  ipywidgets: "8.0.0"
  # Names the organisation's document uses that are not what PyPI publishes
  google-cloud-functions-framework: { replacedBy: functions-framework, reason: "the Functions Framework is published on PyPI as functions-framework" }
  google-cloud-sql-connector: { replacedBy: cloud-sql-python-connector, reason: "the Cloud SQL connector is published on PyPI as cloud-sql-python-connector" }
  sklearn: { replacedBy: scikit-learn, reason: "sklearn is a deprecated stub package; install scikit-learn" }

terraform:
  cloudFunctionsRuntime: python310

precommit:
  # A hook's repo may list every repository its hook comes from; a fix adding the hook writes the first. A rev fix
  # keeps the file's repository and writes rev, so each listed repository must carry that rev as a tag.
  hooks:
    # black's own repository; the mirror black's documentation recommends (mypyc-compiled wheels), whose tags are
    # black's release numbers from 22.3.0 on, 23.1.0 among them; and black's old names, which GitHub redirects to
    # psf/black, so their tags are its tags.
    - repo:
        - https://github.com/psf/black
        - https://github.com/psf/black-pre-commit-mirror
        - https://github.com/python/black
        - https://github.com/ambv/black
      id: black
      minimum: "23.0.0"
      rev: "23.1.0"
    # Also https://github.com/PyCQA/flake8 (URLs compare without case). Not its old home https://gitlab.com/pycqa/flake8,
    # whose tags stop at 3.9.x: a flake8 hook from there is reported as from an unlisted repository.
    - { repo: https://github.com/pycqa/flake8, id: flake8, minimum: "6.0.0", rev: "6.0.0" }
    # mypy's own repository has no pre-commit hook; the mirror's tags carry a v.
    - { repo: https://github.com/pre-commit/mirrors-mypy, id: mypy, minimum: "1.4.0", rev: "v1.4.0" }

# The document's "Standard Makefile targets" (.PHONY: test build deploy clean lint format), asked of a repository
# that has a Makefile.
makefile:
  targets: [test, build, deploy, clean, lint, format]
`;
