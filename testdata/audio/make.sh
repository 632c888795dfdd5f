#!/usr/bin/env bash
# Regenerates the telephony test corpus for backend/audio from sentences.txt.
# Needs espeak-ng, sox and ffmpeg. Outputs are committed so CI needs none of them.
# Each transformed encoding has an oracle decode (*.oracle.s16.gz: gzipped raw signed 16-bit
# little-endian, interleaved, at the file's own rate) made by sox (libgsm for GSM) or ffmpeg (MP3).
# pcm16.wav and stereo16k.wav are their own oracles (plain PCM).
set -euo pipefail
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# 1. Speak each sentence, with half a second of silence between them.
i=0
parts=()
while IFS= read -r line; do
  [ -z "$line" ] && continue
  espeak-ng -v en-gb -s 165 -w "$tmp/s$i.wav" "$line"
  sox "$tmp/s$i.wav" "$tmp/p$i.wav" pad 0 0.5
  parts+=("$tmp/p$i.wav")
  i=$((i+1))
done < sentences.txt
sox "${parts[@]}" "$tmp/speech.wav"

# 2. Degrade to telephone quality: 8 kHz mono, 300-3400 Hz, a little line noise.
sox -D "$tmp/speech.wav" -r 8000 -c 1 -b 16 "$tmp/band.wav" sinc 300-3400 norm -3
sox -D -n -r 8000 -c 1 -b 16 "$tmp/noise.wav" synth "$(soxi -D "$tmp/band.wav")" pinknoise vol 0.01
sox -D -m "$tmp/band.wav" "$tmp/noise.wav" -b 16 pcm16.wav

# 3. Encode in each codec.
sox -D pcm16.wav -e unsigned-integer -b 8 pcm8.wav
sox -D pcm16.wav -e mu-law -b 8 mulaw.wav
sox -D pcm16.wav -e a-law -b 8 alaw.wav
sox -D pcm16.wav -e gsm-full-rate gsm.wav
sox -D pcm16.wav -e floating-point -b 32 float32.wav trim 0 2
sox -D pcm16.wav -r 16000 -c 2 -b 16 stereo16k.wav trim 0 2
ffmpeg -nostdin -loglevel error -y -i pcm16.wav -c:a libmp3lame -ar 8000 -b:a 16k mp3_8k.mp3
ffmpeg -nostdin -loglevel error -y -i pcm16.wav -c:a libmp3lame -ar 16000 -b:a 24k mp3_16k.mp3
ffmpeg -nostdin -loglevel error -y -i pcm16.wav -c:a libopus -b:a 12k opus.ogg

# 4. Oracle decodes (no dither, so they are deterministic).
for f in pcm8 mulaw alaw gsm float32; do
  sox -D "$f.wav" -t raw -e signed-integer -b 16 -L - | gzip -9n > "$f.oracle.s16.gz"
done
for f in mp3_8k mp3_16k; do
  ffmpeg -nostdin -loglevel error -y -i "$f.mp3" -f s16le -acodec pcm_s16le - | gzip -9n > "$f.oracle.s16.gz"
done
ls -l
