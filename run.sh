#!/usr/bin/env bash
# The project's front door on a Debian or Ubuntu machine:
#
#   bash run.sh demo    set everything up, then run nutgraf on examples/article.txt
#   bash run.sh test    set everything up, then run the whole test suite
#   bash run.sh setup   set everything up only (make bench then adds the peers)
#
# Set-up installs the missing system packages with apt-get (as root, or through
# sudo), makes the virtual environment .venv and installs nutgraf into it with
# its test extra. Each step is skipped when it is already done, so the commands
# are cheap to repeat.
set -euo pipefail
cd "$(dirname "$0")"

PYTHON=${PYTHON:-python3}
VENV=.venv

as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

system_packages() {
    local missing=()
    command -v "$PYTHON" >/dev/null || missing+=(python3)
    command -v cc >/dev/null || missing+=(gcc libc6-dev)
    command -v pkg-config >/dev/null || missing+=(pkg-config)
    if ! pkg-config --exists libutf8proc 2>/dev/null; then missing+=(libutf8proc-dev); fi
    command -v java >/dev/null || missing+=(default-jre-headless)  # Spark, for tests/test_spark.py
    if command -v "$PYTHON" >/dev/null; then
        "$PYTHON" -c 'import ensurepip, venv' 2>/dev/null || missing+=(python3-venv)
        "$PYTHON" -c 'import os, sys, sysconfig
sys.exit(not os.path.exists(os.path.join(sysconfig.get_paths()["include"], "Python.h")))' ||
            missing+=(python3-dev)
    fi
    if [ ${#missing[@]} -gt 0 ]; then
        echo "run.sh: installing system packages: ${missing[*]}" >&2
        as_root apt-get update -qq
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    fi
}

python_env() {
    [ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
    local stamp="$VENV/.nutgraf-installed"
    # Reinstall when the build inputs changed since the last install.
    if [ ! -f "$stamp" ] || [ -n "$(find pyproject.toml setup.py csrc nutgraf -newer "$stamp" -print -quit)" ]; then
        # setuptools in the venv too: make build and make test-asan call setup.py there.
        "$VENV/bin/python" -m pip install -q --upgrade pip "setuptools>=77" wheel
        "$VENV/bin/python" -m pip install -q -e ".[test]"
        touch "$stamp"
    fi
}

case "${1:-}" in
setup)
    system_packages
    python_env
    ;;
demo)
    system_packages
    python_env
    "$VENV/bin/python" examples/demo.py examples/article.txt
    ;;
test)
    system_packages
    python_env
    shift
    "$VENV/bin/python" -m pytest "$@"
    ;;
*)
    echo "usage: bash run.sh setup | demo | test [pytest arguments]" >&2
    exit 2
    ;;
esac
