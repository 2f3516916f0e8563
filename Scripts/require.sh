#!/usr/bin/env bash
# Installs the Debian packages that policy-search builds and runs with, when
# one is missing: as root with apt-get; otherwise says in one line what to run.
# Sourced by Scripts/run.sh and Scripts/test.sh.
needed=(libicu-dev libzstd-dev zlib1g-dev pkg-config poppler-utils)
missing=()
for package in "${needed[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    echo "policy-search: installing ${missing[*]} (ICU, Zstandard, zlib, pkg-config, pdftotext) …" >&2
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >&2 \
      || { echo "policy-search: error: could not install ${missing[*]}: run 'sudo apt-get install -y ${missing[*]}'" >&2; exit 2; }
  else
    echo "policy-search: error: missing ${missing[*]}: run 'sudo apt-get install -y ${missing[*]}', then this command again" >&2
    exit 2
  fi
fi
