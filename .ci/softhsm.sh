#!/usr/bin/env bash
# Installs (if needed) SoftHSM2 and sets up a software token for the PKCS#11 key-provider tests: a token in a folder
# of its own (its own SOFTHSM2_CONF, so the system's tokens are never touched), a user PIN, and an AES-256
# key-encryption keys (the current one, and a second one that tests rotate to). Prints ONE line on stdout:
#   export TMA_TEST_PKCS11_MODULE=… SOFTHSM2_CONF=… TMA_TEST_PKCS11_TOKEN=… TMA_TEST_PKCS11_PIN=…
#          TMA_TEST_PKCS11_PIN_FILE=… TMA_TEST_PKCS11_KEY=… TMA_TEST_PKCS11_KEY2=…
# Everything else goes to stderr, so `.ci/run` can do:  eval "$(bash .ci/softhsm.sh)"
#
# Idempotent: safe to run again (also concurrently, under a lock); it re-uses the token, its PINs (kept in files
# readable by the owner only, next to the token) and the key. Debian 12; installing packages needs root.
# Settings (environment, all optional):
#   TMA_SOFTHSM_DIR   (default /var/lib/tma-softhsm)   TMA_SOFTHSM_TOKEN (default tma-test)
#   TMA_SOFTHSM_KEY   (default tma-kek-1)          TMA_SOFTHSM_KEY2  (default tma-kek-2)
# A test token only: its PINs sit in files next to it. A real HSM's PIN comes from a secret store (docs/operations.md).
set -euo pipefail

dir="${TMA_SOFTHSM_DIR:-/var/lib/tma-softhsm}"
token="${TMA_SOFTHSM_TOKEN:-tma-test}"
key="${TMA_SOFTHSM_KEY:-tma-kek-1}"
key2="${TMA_SOFTHSM_KEY2:-tma-kek-2}"

log() { echo "softhsm.sh: $*" >&2; }

for name in "$token" "$key" "$key2"; do
  [[ "$name" =~ ^[A-Za-z0-9._-]{1,32}$ ]] || { log "invalid label: $name"; exit 1; }
done

# 1. SoftHSM2 (the PKCS#11 module and softhsm2-util) and OpenSC's pkcs11-tool (creates the AES key) from Debian.
find_module() {
  local candidate
  for candidate in /usr/lib/softhsm/libsofthsm2.so /usr/lib/*/softhsm/libsofthsm2.so /usr/lib/*/libsofthsm2.so; do
    [[ -f "$candidate" ]] && { echo "$candidate"; return 0; }
  done
  return 1
}
if ! find_module >/dev/null || ! command -v softhsm2-util >/dev/null || ! command -v pkcs11-tool >/dev/null; then
  [[ "$(id -u)" == 0 ]] || { log "softhsm2 and opensc are not installed and this is not root: apt-get install softhsm2 opensc"; exit 1; }
  log "installing softhsm2 and opensc"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq softhsm2 opensc >&2
fi
module="$(find_module)" || { log "libsofthsm2.so not found after installing softhsm2"; exit 1; }

# 2. A token folder and configuration of our own.
(umask 077; mkdir -p "$dir/tokens")
conf="$dir/softhsm2.conf"
cat > "$conf.tmp.$$" <<CONF
# Written by .ci/softhsm.sh: the TMA test token.
directories.tokendir = $dir/tokens
objectstore.backend = file
log.level = ERROR
slots.removable = false
CONF
mv -f "$conf.tmp.$$" "$conf"
export SOFTHSM2_CONF="$conf"

exec 9>"$dir/.lock"
flock 9

new_pin() { (umask 077; head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$1"); }
if [[ ! -s "$dir/user.pin" || ! -s "$dir/so.pin" ]]; then
  # New PINs: a token left from before (its PINs lost) could not be logged in to any more, so it goes.
  find "$dir/tokens" -mindepth 1 -delete
  new_pin "$dir/user.pin"
  new_pin "$dir/so.pin"
fi
pin="$(cat "$dir/user.pin")"

# 3. The token, initialised once (the PIN files and the token are created together; a token whose PIN files are
#    lost is re-created).
if ! softhsm2-util --show-slots 2>/dev/null | grep -Eq "^ +Label: +$token *$"; then
  log "initialising token $token in $dir/tokens"
  softhsm2-util --init-token --free --label "$token" --so-pin "$(cat "$dir/so.pin")" --pin "$pin" >&2
fi

# 4. The AES-256 key-encryption keys: on the token, sensitive, not extractable, for encrypt/decrypt.
tool() { pkcs11-tool --module "$module" --token-label "$token" --login --pin "$pin" "$@"; }
for label in "$key" "$key2"; do
  if ! tool --list-objects --type secrkey 2>/dev/null | grep -Eq "label: +$label *$"; then
    log "creating AES-256 key $label"
    tool --keygen --key-type AES:32 --label "$label" --sensitive --usage-decrypt >&2 2>/dev/null
  fi
done

log "ready: module $module, token $token, keys $key and $key2"
printf "export TMA_TEST_PKCS11_MODULE='%s' SOFTHSM2_CONF='%s' TMA_TEST_PKCS11_TOKEN='%s' TMA_TEST_PKCS11_PIN='%s' TMA_TEST_PKCS11_PIN_FILE='%s' TMA_TEST_PKCS11_KEY='%s' TMA_TEST_PKCS11_KEY2='%s'\n" \
  "$module" "$conf" "$token" "$pin" "$dir/user.pin" "$key" "$key2"
