#!/usr/bin/env bash
# Installs the Debian packages litec's build and tests need. Idempotent: only what is missing
# is installed. Run as root on Debian 12 (or with sudo available).
set -euo pipefail

packages=(
  cmake ninja-build g++ ccache python3 clang-format
  llvm-14-dev llvm-14-tools clang-14 libclang-rt-14-dev
  libflatbuffers-dev flatbuffers-compiler libfmt-dev catch2
  libstb-dev g++-aarch64-linux-gnu g++-arm-linux-gnueabihf qemu-user libsimde-dev
)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" ||
    missing+=("$package")
done
# Node.js and npm fetch the npm packages the tests use; any install that provides them will do.
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)

if ((${#missing[@]} == 0)); then
  echo "install-deps: all packages present"
  exit 0
fi
sudo=""
[[ $(id -u) -eq 0 ]] || sudo="sudo"
echo "install-deps: installing ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
