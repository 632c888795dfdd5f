#!/usr/bin/env bash
# Regenerates the MP3 test files of oracle_test.go (added for Redline): one second of
# speech (espeak-ng) mixed with a 3 Hz square wave (clicks, for short blocks) on the
# left and a 440-3000 Hz sweep on the right, encoded by LAME through FFmpeg at each
# MPEG version and channel mode, and FFmpeg's decodes of them as oracles (gzipped raw
# signed 16-bit little-endian, interleaved). Needs espeak-ng, sox and ffmpeg.
# The files are committed; oracle_test.go needs none of these tools.
set -euo pipefail
cd "$(dirname "$0")"
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
espeak-ng -v en-gb -s 170 -w "$t/sp.wav" "Security here, the alarm was raised at four twenty"
sox "$t/sp.wav" -r 48000 -c 1 "$t/spm.wav" trim 0.2 1.0 norm -3
sox -n -r 48000 -c 1 "$t/clk.wav" synth 1.0 square 3 vol 0.3
sox -n -r 48000 -c 1 "$t/tone.wav" synth 1.0 sine 440:3000 vol 0.2
sox -m "$t/spm.wav" "$t/clk.wav" "$t/L.wav"
sox -m "$t/spm.wav" "$t/tone.wav" "$t/R.wav"
sox -M "$t/L.wav" "$t/R.wav" "$t/src.wav"
mk() { ffmpeg -nostdin -loglevel error -y -i "$t/src.wav" -c:a libmp3lame "$@"; }
mk -ar 44100 -ac 2 -b:a 128k mpeg1_44k_js.mp3
mk -ar 48000 -ac 2 -b:a 160k -joint_stereo 0 mpeg1_48k_stereo.mp3
mk -ar 32000 -ac 1 -b:a 48k mpeg1_32k_mono.mp3
mk -ar 22050 -ac 2 -b:a 48k mpeg2_22k_js.mp3
mk -ar 24000 -ac 1 -b:a 32k mpeg2_24k_mono.mp3
mk -ar 11025 -ac 1 -b:a 16k mpeg25_11k_mono.mp3
mk -ar 12000 -ac 2 -b:a 24k mpeg25_12k_js.mp3
for f in mpeg*.mp3; do
  ffmpeg -nostdin -loglevel error -y -i "$f" -f s16le -acodec pcm_s16le - | gzip -9n > "${f%.mp3}.oracle.s16.gz"
done
