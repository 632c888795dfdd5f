#!/usr/bin/env bash
# Decode speed against FFmpeg (issue 18): makes 60-minute 8 kHz recordings of
# telephone speech (16-bit PCM, mu-law and GSM 6.10 WAV, 8 kHz MPEG 2.5 MP3 and
# 16 kHz MPEG 2 MP3) and times, as whole processes,
#   ffmpeg -threads 1 -i F -f s16le -y /dev/null
#   redline-cli audio decode F --out X.wav          (for each CLI given)
# RUNS times each (default 3), the tools interleaved within every round so
# that load from other work on the machine falls on all of them alike, and
# prints the median wall time of each, and its ratio to FFmpeg's.
#
# Usage: bench/audio/run.sh [LABEL=PATH-TO-redline-cli ...]
#   With no CLI given it builds ./app/cli and labels it "redline".
#   BENCH_AUDIO_DIR keeps the recordings between runs (default: a temporary
#   folder, removed at the end); MINUTES sets their length (default 60);
#   MAKE_ONLY=1 only makes them.
# Needs espeak-ng, sox and ffmpeg (5.1 was measured), GNU time at /usr/bin/time.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
runs=${RUNS:-3}
minutes=${MINUTES:-60}
if [ -n "${BENCH_AUDIO_DIR:-}" ]; then
  work=$BENCH_AUDIO_DIR
  mkdir -p "$work"
else
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
fi

clis=("$@")
if [ ${#clis[@]} -eq 0 ]; then
  (cd "$root" && go build -o "$work/redline-cli" ./app/cli)
  clis=("redline=$work/redline-cli")
fi

# 1. The recordings: about 40 s of spoken sentences (espeak-ng), band-limited
# to 300-3400 Hz at 8 kHz with faint line noise, repeated to the length asked.
src=$work/speech-${minutes}m.wav
if [ ! -s "$src" ]; then
  t=$(mktemp -d -p "$work")
  i=0
  while IFS= read -r line; do
    [ -z "$line" ] && continue
    for voice in en-gb en-us en-gb-x-rp; do
      espeak-ng -v "$voice" -s 160 -w "$t/s$i.wav" "$line"
      sox "$t/s$i.wav" "$t/p$i.wav" pad 0 0.7
      i=$((i + 1))
    done
  done < "$root/testdata/audio/sentences.txt"
  cat > "$t/more.txt" <<'EOF'
Lone worker alarm, red alert raised at twenty past four in the morning.
The caller says she is in the car park behind ward twelve and a man is following her.
Police have been called, the reference is seven three one nine.
Can you tell me where you are now? Stay on the line, help is on the way.
EOF
  while IFS= read -r line; do
    for voice in en-gb en-us; do
      espeak-ng -v "$voice" -s 150 -w "$t/s$i.wav" "$line"
      sox "$t/s$i.wav" "$t/p$i.wav" pad 0 1.1
      i=$((i + 1))
    done
  done < "$t/more.txt"
  sox $(ls "$t"/p*.wav | sort -V) "$t/speech.wav"
  sox -D "$t/speech.wav" -r 8000 -c 1 -b 16 "$t/band.wav" sinc 300-3400 norm -3
  len=$(soxi -D "$t/band.wav")
  reps=$(awk -v m="$minutes" -v l="$len" 'BEGIN { print int(m * 60 / l) + 1 }')
  sox -D "$t/band.wav" "$t/long.wav" repeat "$reps" trim 0 "$((minutes * 60))"
  sox -D -n -r 8000 -c 1 -b 16 "$t/noise.wav" synth "$((minutes * 60))" pinknoise vol 0.01
  sox -D -m "$t/long.wav" "$t/noise.wav" -b 16 "$src"
  rm -rf "$t"
fi
declare -A file=(
  [pcm]=$work/pcm16-${minutes}m.wav
  [mulaw]=$work/mulaw-${minutes}m.wav
  [gsm]=$work/gsm-${minutes}m.wav
  [mp3_8k]=$work/mp3-8k-${minutes}m.mp3
  [mp3_16k]=$work/mp3-16k-${minutes}m.mp3
)
[ -s "${file[pcm]}" ] || cp "$src" "${file[pcm]}"
[ -s "${file[mulaw]}" ] || sox -D "$src" -e mu-law -b 8 "${file[mulaw]}"
[ -s "${file[gsm]}" ] || sox -D "$src" -e gsm-full-rate "${file[gsm]}"
[ -s "${file[mp3_8k]}" ] || ffmpeg -nostdin -loglevel error -y -i "$src" -c:a libmp3lame -ar 8000 -b:a 16k "${file[mp3_8k]}"
[ -s "${file[mp3_16k]}" ] || ffmpeg -nostdin -loglevel error -y -i "$src" -c:a libmp3lame -ar 16000 -b:a 24k "${file[mp3_16k]}"

[ -z "${MAKE_ONLY:-}" ] || exit 0

# 2. Timing: wall seconds of one whole process, from GNU time.
timed() {
  /usr/bin/time -f %e -o "$work/t" "$@" > /dev/null 2> "$work/err" || { cat "$work/err" >&2; exit 1; }
  cat "$work/t"
}
median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

printf '%s, %d runs each, tools interleaved; %s; %d cores\n' "$(date -u '+%Y-%m-%d %H:%M UTC')" "$runs" \
  "$(ffmpeg -version | head -1 | cut -d' ' -f1-3)" "$(nproc)"
header="| recording | ffmpeg -threads 1 |"
rule="| --- | --- |"
for c in "${clis[@]}"; do
  header+=" ${c%%=*} | x ffmpeg |"
  rule+=" --- | --- |"
done
echo "$header"
echo "$rule"
for k in pcm mulaw gsm mp3_8k mp3_16k; do
  f=${file[$k]}
  declare -A times=()
  for r in $(seq "$runs"); do
    times[ffmpeg]+="$(timed ffmpeg -nostdin -threads 1 -i "$f" -f s16le -y /dev/null) "
    for c in "${clis[@]}"; do
      times[${c%%=*}]+="$(timed "${c#*=}" audio decode "$f" --out "$work/out-${c%%=*}.wav") "
    done
  done
  ff=$(tr ' ' '\n' <<< "${times[ffmpeg]}" | grep . | median)
  row="| $k ($(basename "$f")) | ${ff} s |"
  for c in "${clis[@]}"; do
    m=$(tr ' ' '\n' <<< "${times[${c%%=*}]}" | grep . | median)
    row+=" ${m} s | $(awk -v a="$m" -v b="$ff" 'BEGIN { printf "%.2f", a / b }') |"
  done
  echo "$row"
  unset times
done
rm -f "$work"/out-*.wav "$work/t" "$work/err"
