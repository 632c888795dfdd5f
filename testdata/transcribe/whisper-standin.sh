#!/bin/sh
# Stand-in for whisper.cpp's whisper-cli, used by tests because no model weights can be installed
# on the build machines. It accepts the same arguments Redline passes
# (-m MODEL -f IN.wav -l LANG -t N -ojf -of OUTBASE -pp [--vad -vm VADMODEL]), checks that the
# model exists and that the input is 16 kHz mono 16-bit PCM WAV (what whisper.cpp needs), prints
# progress lines like whisper.cpp's -pp on stderr, and writes OUTBASE.json in whisper.cpp's
# documented full-JSON format (-ojf), copied from whisper-sample.json next to this script.
# The real engine is NOT exercised by this script.
set -eu
model= in= out=
while [ $# -gt 0 ]; do
  case "$1" in
    -m) model=$2; shift 2 ;;
    -f) in=$2; shift 2 ;;
    -of) out=$2; shift 2 ;;
    -l|-t|-vm) shift 2 ;;
    -ojf|-pp|--vad) shift ;;
    *) echo "error: unknown argument $1" >&2; exit 2 ;;
  esac
done
[ -f "$model" ] || { echo "error: failed to open model '$model'" >&2; exit 3; }
[ -f "$in" ] || { echo "error: input file not found '$in'" >&2; exit 4; }
# bytes 20..35 of a canonical WAV: format 1, channels 1, rate 16000, ..., 16 bits
fmt=$(od -An -tu2 -j20 -N16 "$in" | tr -s ' ' | sed 's/^ //')
case "$fmt" in
  "1 1 16000 0 32000 0 2 16") ;;
  *) echo "error: input is not 16 kHz mono PCM WAV (header: $fmt)" >&2; exit 5 ;;
esac
if [ -n "${WHISPER_STANDIN_SLEEP:-}" ]; then sleep "$WHISPER_STANDIN_SLEEP"; fi
for p in 0 25 50 75 100; do
  echo "whisper_print_progress_callback: progress = $p%" >&2
done
cp "$(dirname "$0")/whisper-sample.json" "$out.json"
