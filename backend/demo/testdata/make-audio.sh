#!/usr/bin/env bash
# Regenerates the demo recordings: synthetic speech (espeak-ng) in telephone quality (sox).
# The outputs are committed; this script documents how they were made.
set -euo pipefail
cd "$(dirname "$0")"
say() { # voice speed text out.wav
  espeak-ng -v "$1" -s "$2" -w "$4.tmp.wav" "$3"
}
tel() { # in.wav out.wav encoding(-e signed -b 16 | -e mu-law)
  local in=$1 out=$2; shift 2
  sox "$in" -r 8000 -c 1 "$@" "$out" highpass 300 lowpass 3400 norm -3
}
memo() { # name text
  say en-gb 150 "$2" "$1"
  tel "$1.tmp.wav" "$1.wav" -e signed -b 16
  rm -f "$1.tmp.wav"
}
memo amber-1 "Amber alert. Sarah Collins, community midwife. Visiting flat 3, 14 Harehills Lane. Partner has been aggressive on the phone. Expect forty five minutes."
memo amber-2 "Amber alert. District nurse visit at 27 Compton Road. Large dog at the property. Thirty minutes."
memo amber-3 "Amber alert. Mental health outreach, first visit to a new client at the Beckett Street hostel, room twelve. One hour."
# A red alert: worker, alleged offender and ARC operator, with pauses between turns.
red() { # name
  local n=$1; shift
  local parts=() i=0
  while [ $# -gt 0 ]; do
    say "$1" "$2" "$3" "$n-$i"
    sox "$n-$i.tmp.wav" "$n-$i.pad.wav" pad 0 0.6
    parts+=("$n-$i.pad.wav"); i=$((i+1)); shift 3
  done
  sox "${parts[@]}" "$n.mix.wav"
  sox "$n.mix.wav" -p synth whitenoise vol 0.02 | sox -m "$n.mix.wav" - "$n.noisy.wav"
  tel "$n.noisy.wav" "$n.wav" -e mu-law
  rm -f "$n"-*.wav "$n.mix.wav" "$n.noisy.wav"
}
red red-1 \
  en-gb 150 "Please calm down. I am only here to check on the baby." \
  en-us+m3 170 "Get out of my house. I told you people not to come back." \
  en-gb 150 "I am leaving now. Please step away from the door." \
  en-us+m3 180 "If you come here again you will regret it." \
  en-gb+f3 140 "This is the alarm receiving centre. We can hear you. Help is on its way."
red red-2 \
  en-gb+f3 140 "Hello, this is the alarm receiving centre. Are you able to talk?" \
  en-gb 150 "Sorry, I pressed it by accident. I am fine, I am in the car." \
  en-gb+f3 140 "Thank you. I will close the alarm now."
ls -l *.wav
