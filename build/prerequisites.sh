#!/usr/bin/env bash
# The Debian packages that the service and the tests need, installed when missing.
#   postgresql: initdb/pg_ctl for the private servers; bubblewrap: the code sandbox;
#   poppler-utils: pdftoppm/pdftotext for looking at reports; texlive: pdflatex for exam papers;
#   fontconfig + DejaVu: fonts for PDF reports; chromium: the browser tests.
# Usage: prerequisites.sh [--check]
#   (none)   nothing to do when all are installed; as root, installs the missing ones;
#            otherwise prints one line with the apt-get command to run and exits with 1.
#   --check  only reports: prints that line when some are missing (exit 1), nothing when none are (exit 0).
# dpkg-query honours DPKG_ADMINDIR, so another dpkg database can be read in its place.
set -euo pipefail

packages=(postgresql bubblewrap poppler-utils texlive-latex-base texlive-latex-recommended texlive-fonts-recommended fontconfig fonts-dejavu-core chromium)

mode=install
case "${1:-}" in
  "") ;;
  --check) mode=check ;;
  *) echo "prerequisites.sh: unknown argument '$1' (expected --check or nothing)" >&2; exit 2 ;;
esac

if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "prerequisites: not a Debian system (no dpkg-query); make sure these are installed: ${packages[*]}" >&2
  exit 0
fi

# One dpkg-query for the whole list: the quick path when everything is present.
find_missing() {
  local installed=" "
  local name state
  while read -r name _ _ state; do
    [ "$state" = installed ] && installed+="$name "
  done < <(dpkg-query -W -f='${Package} ${Status}\n' "${packages[@]}" 2>/dev/null || true)
  missing=()
  for p in "${packages[@]}"; do
    [[ "$installed" == *" $p "* ]] || missing+=("$p")
  done
}

find_missing
[ ${#missing[@]} -eq 0 ] && exit 0

command_line="apt-get update && apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$mode" = check ] || [ "$(id -u)" -ne 0 ]; then
  echo "Missing Debian packages; as root run: $command_line"
  exit 1
fi

# Parallel builds of several projects call this at once: one installs, the others wait and find nothing to do.
exec 9<"${BASH_SOURCE[0]}"
flock 9
find_missing
[ ${#missing[@]} -eq 0 ] && exit 0
echo "prerequisites: installing ${missing[*]} from Debian (apt-get)" >&2
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
