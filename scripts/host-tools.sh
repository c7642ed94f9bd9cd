#!/usr/bin/env bash
# Makes sure this Linux host has what the local sandbox needs: bubblewrap (bwrap), which isolates every run,
# and python3, which runs Python programs. Installs what is missing when it can (as root, with apt-get or dnf)
# and says what and why; otherwise prints the one command to run and exits 1. Does nothing, silently, when all
# is present or on other systems. Run by the build (agentic-sandbox, phase initialize) and by ./agentic demo.
set -uo pipefail

case "${OSTYPE:-}" in
  linux*) ;;
  *) exit 0 ;;
esac

missing=()
command -v bwrap >/dev/null 2>&1 || missing+=(bubblewrap)
command -v python3 >/dev/null 2>&1 || missing+=(python3)
[ ${#missing[@]} -eq 0 ] && exit 0

why="bubblewrap isolates every sandboxed run; python3 runs the Python programs"
if command -v apt-get >/dev/null 2>&1; then
  install=(apt-get install -y -qq "${missing[@]}")
  hint="sudo apt-get install -y ${missing[*]}"
elif command -v dnf >/dev/null 2>&1; then
  install=(dnf install -y -q "${missing[@]}")
  hint="sudo dnf install -y ${missing[*]}"
else
  echo "agentic: ${missing[*]} missing ($why), and no apt-get or dnf to install it;" \
    "install ${missing[*]} with this system's package manager." >&2
  exit 1
fi

if [ "$(id -u 2>/dev/null)" != "0" ]; then
  echo "agentic: ${missing[*]} missing ($why). Run: $hint" >&2
  exit 1
fi

echo "agentic: installing ${missing[*]} ($why)" >&2
if [ "${install[0]}" = apt-get ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2 || true
fi
if ! "${install[@]}" >&2; then
  echo "agentic: installing ${missing[*]} failed; run: $hint" >&2
  exit 1
fi
for tool in "${missing[@]}"; do
  command=$([ "$tool" = bubblewrap ] && echo bwrap || echo "$tool")
  if ! command -v "$command" >/dev/null 2>&1; then
    echo "agentic: $tool was installed but $command is not on PATH; run: $hint" >&2
    exit 1
  fi
done
echo "agentic: installed ${missing[*]}" >&2
