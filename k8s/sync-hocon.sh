#!/usr/bin/env bash
# Copies the repository's hocon/*.conf into k8s/base/hocon/, where kustomize's configMapGenerator can read them
# (kustomize refuses files outside the kustomization's folder). Run it after changing anything in hocon/.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
src="$here/../hocon"
[ -d "$src" ] || { echo "sync-hocon: $src does not exist" >&2; exit 1; }
mkdir -p "$here/base/hocon"
rm -f "$here"/base/hocon/*.conf
cp "$src"/*.conf "$here/base/hocon/"
ls "$here/base/hocon"
