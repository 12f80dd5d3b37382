#!/usr/bin/env bash
# The Python and dependency versions pyproject.toml claims, each run by CI (besides the main job
# of .ci/run: this machine's python3 with the newest releases, every test):
#   .ci/versions.sh oldest   the oldest Python claimed (3.11), hoiio's dependencies at their
#                            floors (.ci/oldest-constraints.txt)
#   .ci/versions.sh newest   the newest Python claimed (3.13), the newest releases
#   .ci/versions.sh middle   the Python in between (3.12), the newest releases
# Each makes its own virtualenv (.venv-JOB) from pyenv's interpreter of that version, installs
# hoiio with the dev, sandbox and async extras, and runs the suite but for the browser and docs
# tests (tests/console, tests/docs: the main job runs those).
set -euo pipefail
cd "$(dirname "$0")/.."
job="${1:?usage: .ci/versions.sh oldest|middle|newest}"
case "$job" in
  oldest) version=3.11; constraints=(-c .ci/oldest-constraints.txt) ;;
  middle) version=3.12; constraints=() ;;
  newest) version=3.13; constraints=() ;;
  *) echo "unknown job $job" >&2; exit 2 ;;
esac
root="$(pyenv root 2>/dev/null || echo "$HOME/.pyenv")"
python="$(ls -d "$root"/versions/"$version".*/bin/python"$version" 2>/dev/null | sort -V | tail -1)"
[ -x "$python" ] || { echo "versions: no Python $version under $root/versions" >&2; exit 1; }
venv=".venv-$job"
echo "versions[$job]: $("$python" --version) in $venv ${constraints[*]:-(newest releases)}"
rm -rf "$venv"
"$python" -m venv "$venv"
if ! PIP_DISABLE_PIP_VERSION_CHECK=1 "$venv/bin/python" -m pip install -q --progress-bar off "${constraints[@]}" -e '.[dev,sandbox,async]' \
  >"$venv/pip.log" 2>&1; then
  grep -v "^WARNING: Location" "$venv/pip.log" >&2
  exit 1
fi
"$venv/bin/python" -m pip list 2>/dev/null | grep -iE "^(requests|urllib3|werkzeug|cheroot|aiohttp|jsonschema) " | tr -s ' ' | sed "s/^/versions[$job]:   /"
"$venv/bin/python" -m pytest -p no:cacheprovider -q --ignore=tests/console --ignore=tests/docs
