#!/usr/bin/env bash
# Builds the native side with MinGW-w64 (Debian: gcc-mingw-w64-x86-64). ./conformance calls it with an output folder
# when native/ changed (cached by source hash under .cache/, like the probe).
#   native/build.sh OUTDIR
# OUTDIR gets:
#   ws2_32.dll                     the shim, to stand in for ws2_32 through a DLL override (WINEDLLOVERRIDES=ws2_32=n)
#   wsasim.dll, libwsasim.a,       the same shim under its own name, to link a test program against instead of ws2_32
#   wsasim.def, wsasim.h           (MSVC: lib /def:wsasim.def /machine:x64 /out:wsasim.lib); wsasim.h: WSASimAssert & co.
#   keeper.exe                     holds the Wine desktop between runs (native/keeper/keeper.c)
#   native-samples.exe             the C sample wrappers, linked against ws2_32 (run by override, or on a real stack)
#   native-samples-linked.exe      the same, linked against wsasim.dll
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:?output directory}
mkdir -p "$out"
cc=x86_64-w64-mingw32-gcc
flags=(-O2 -Wall -Wextra -Werror -std=c11)
shim=("$here"/shim/*.c)
# The shim imports kernel32, user32 and the C runtime only: never ws2_32 (it is ws2_32).
"$cc" "${flags[@]}" -shared -o "$out/ws2_32.dll" "${shim[@]}" "$here/shim/ws2_32.def" -luser32 -s
sed 's/^LIBRARY ws2_32.dll/LIBRARY wsasim.dll/' "$here/shim/ws2_32.def" > "$out/wsasim.def"
"$cc" "${flags[@]}" -shared -o "$out/wsasim.dll" "${shim[@]}" "$out/wsasim.def" -luser32 -s \
  -Wl,--out-implib,"$out/libwsasim.a"
cp "$here/include/wsasim.h" "$out/wsasim.h"
"$cc" "${flags[@]}" -o "$out/keeper.exe" "$here/keeper/keeper.c" -s
samples=("$here"/samples/*.c)
"$cc" "${flags[@]}" -I"$here/include" -o "$out/native-samples.exe" "${samples[@]}" -lws2_32 -s
"$cc" "${flags[@]}" -I"$here/include" -o "$out/native-samples-linked.exe" "${samples[@]}" -L"$out" -lwsasim -s
