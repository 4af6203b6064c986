# Shared by scripts/run and scripts/test: find Python >= 3.12 and keep .venv installed.
# shellcheck shell=bash

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"

# Prints the path of the newest Python >= 3.12 on this machine, or nothing.
find_python() {
    local candidates=() cand best="" best_ver=0 ver
    for cand in python3.15 python3.14 python3.13 python3.12 python3 python; do
        command -v "$cand" >/dev/null 2>&1 && candidates+=("$(command -v "$cand")")
    done
    # pyenv installs (their shims only answer when the version is selected).
    for cand in "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.*/bin/python3 /usr/local/bin/python3.1? /usr/bin/python3.1?; do
        [ -x "$cand" ] && candidates+=("$cand")
    done
    for cand in "${candidates[@]}"; do
        ver=$("$cand" -c 'import sys; print(sys.version_info[0] * 100 + sys.version_info[1])' 2>/dev/null) || continue
        if [ "$ver" -ge 312 ] && [ "$ver" -gt "$best_ver" ]; then
            best="$cand"
            best_ver="$ver"
        fi
    done
    printf '%s' "$best"
}

# Creates .venv when missing and (re)installs Loket when pyproject.toml changed since the last install.
ensure_venv() {
    if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then
        local python
        python="$(find_python)"
        if [ -z "$python" ]; then
            echo "Loket heeft Python 3.12 of nieuwer nodig: installeer python3.12 (bijvoorbeeld 'apt-get install python3.12' of 'pyenv install 3.12')." >&2
            exit 1
        fi
        echo "==> .venv aanmaken met $python ($("$python" --version 2>&1))"
        rm -rf "$VENV"
        "$python" -m venv "$VENV"
        "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip 2>&1 \
            | grep -v "is neither a file nor a directory" || true
    fi
    local stamp="$VENV/.loket-installed" want
    want="$(cat "$ROOT/pyproject.toml" | sha256sum | cut -d' ' -f1)"
    if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
        echo "==> Loket installeren in .venv"
        local log="$VENV/pip-install.log" rc=0
        "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -e "$ROOT[dev]" >"$log" 2>&1 || rc=$?
        # Some machines' pip config names a local mirror folder that may be absent: hide that noise.
        grep -v "is neither a file nor a directory" "$log" || true
        if [ "$rc" -ne 0 ]; then
            echo "Installeren van Loket in .venv is mislukt (pip gaf code $rc; zie hierboven)." >&2
            exit 1
        fi
        printf '%s' "$want" > "$stamp"
    fi
}
