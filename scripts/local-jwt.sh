#!/usr/bin/env bash
# A local key pair and token for trying the packaged jar with authentication on (never for prod).
# Creates target/local-jwt/private-key.pem and public-key.pem on first use (inside target/, which
# git ignores and `mvn clean` removes), then prints a token with every role (the ROLES default below), valid 24 h, signed
# RS256 for the issuer https://local.user-profile-service. Usage:
#   export TOKEN=$(scripts/local-jwt.sh)
#   MP_JWT_VERIFY_PUBLICKEY_LOCATION=$PWD/target/local-jwt/public-key.pem \
#   MP_JWT_VERIFY_ISSUER=https://local.user-profile-service java ... -jar target/quarkus-app/quarkus-run.jar
# Needs openssl. KEY_DIR, ISSUER, ROLES (JSON array) and LIFETIME (seconds) override the defaults.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${KEY_DIR:-target/local-jwt}
issuer=${ISSUER:-https://local.user-profile-service}
roles=${ROLES:-'["profiles:read","profiles:write","catalog:write","export","events:write","models:read","models:write"]'}
lifetime=${LIFETIME:-86400}
if [[ ! -f $dir/private-key.pem || ! -f $dir/public-key.pem ]]; then
  mkdir -p "$dir"
  (umask 077 && openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$dir/private-key.pem" 2>/dev/null)
  openssl pkey -in "$dir/private-key.pem" -pubout -out "$dir/public-key.pem"
  echo "generated a local-only key pair in $dir" >&2
fi
b64() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
now=$(date +%s)
header=$(printf '{"alg":"RS256","typ":"JWT"}' | b64)
claims=$(printf '{"iss":"%s","sub":"local","upn":"local","groups":%s,"iat":%d,"exp":%d}' \
  "$issuer" "$roles" "$now" $((now + lifetime)) | b64)
sig=$(printf '%s.%s' "$header" "$claims" | openssl dgst -sha256 -sign "$dir/private-key.pem" | b64)
echo "$header.$claims.$sig"
