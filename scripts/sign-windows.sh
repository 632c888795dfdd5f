#!/usr/bin/env bash
# sign-windows.sh FILE... signs Windows executables in place with Authenticode
# (osslsigncode), using the trust's code-signing certificate.
#
#   REDLINE_SIGN_PKCS12    path to the .pfx/.p12 holding the certificate and key (required)
#   REDLINE_SIGN_PASSFILE  file holding the .pfx password (optional; never pass it on the command line)
#   REDLINE_SIGN_TIMESTAMP RFC 3161 timestamp server URL (optional but strongly advised:
#                          without it the signature stops validating when the certificate expires)
#
# With REDLINE_SIGN_PKCS12 unset it does nothing, so unsigned builds still work.
set -euo pipefail

if [[ -z "${REDLINE_SIGN_PKCS12:-}" ]]; then
	exit 0
fi
if [[ ! -r "$REDLINE_SIGN_PKCS12" ]]; then
	echo "sign-windows: cannot read the certificate file $REDLINE_SIGN_PKCS12 (REDLINE_SIGN_PKCS12)" >&2
	exit 1
fi
args=(sign -pkcs12 "$REDLINE_SIGN_PKCS12" -h sha256 -n "Redline" -i "https://github.com/nhs-redline/redline")
if [[ -n "${REDLINE_SIGN_PASSFILE:-}" ]]; then
	args+=(-readpass "$REDLINE_SIGN_PASSFILE")
fi
if [[ -n "${REDLINE_SIGN_TIMESTAMP:-}" ]]; then
	args+=(-ts "$REDLINE_SIGN_TIMESTAMP")
else
	echo "sign-windows: no REDLINE_SIGN_TIMESTAMP: the signature will not outlive the certificate" >&2
fi

for f in "$@"; do
	tmp="$f.signing"
	rm -f "$tmp"
	if ! osslsigncode "${args[@]}" -in "$f" -out "$tmp" >/dev/null; then
		rm -f "$tmp"
		echo "sign-windows: signing $f failed" >&2
		exit 1
	fi
	mv "$tmp" "$f"
	echo "signed $f"
done
