#!/bin/sh
# Runs a server under a guard (see ProcessGuard.cs).
# $1 = owner pid, $2 = stop signal (TERM or INT), $3 = clean-up command (may be empty), then the command.
owner=$1; sig=$2; after=$3; shift 3
guard=$$
"$@" &
child=$!
trap 'kill -s "$sig" "$child" 2>/dev/null' TERM INT
(
  trap '' TERM INT
  while kill -0 "$owner" 2>/dev/null && kill -0 "$guard" 2>/dev/null && kill -0 "$child" 2>/dev/null; do sleep 0.5; done
  if kill -0 "$child" 2>/dev/null; then
    kill -s "$sig" "$child" 2>/dev/null
    i=0; while kill -0 "$child" 2>/dev/null && [ $i -lt 40 ]; do sleep 0.25; i=$((i+1)); done
    kill -s KILL "$child" 2>/dev/null
  fi
  while kill -0 "$child" 2>/dev/null; do sleep 0.1; done
  if [ -n "$after" ]; then sh -c "$after" >/dev/null 2>&1; fi
) </dev/null >/dev/null 2>&1 &
wait "$child"; status=$?
while kill -0 "$child" 2>/dev/null; do wait "$child"; status=$?; done
if [ -n "$after" ]; then sh -c "$after" >/dev/null 2>&1; fi
exit $status

