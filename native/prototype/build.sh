#!/usr/bin/env bash
# Builds the shim prototype and the sample with MinGW-w64 (Debian: gcc-mingw-w64-x86-64).
#   native/prototype/build.sh OUTDIR
# OUTDIR gets: ws2_32.dll (the shim for DLL-override mode), wsasim.dll + libwsasim.a (the same shim under
# its own name, for linking), async_client.exe (linked against ws2_32: the real one, or the shim by
# override), async_client_linked.exe (linked against wsasim.dll) and keeper.exe (holds the Wine desktop).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:?output directory}
mkdir -p "$out"
cc=x86_64-w64-mingw32-gcc
flags=(-O2 -Wall -Wextra -Werror -std=c11)
shim=("$here"/shim/{dllmain,channel,calls,stubs,idle}.c)
# The shim imports kernel32, user32 and the C runtime only: never ws2_32 (it is ws2_32).
"$cc" "${flags[@]}" -shared -o "$out/ws2_32.dll" "${shim[@]}" "$here/shim/ws2_32.def" -luser32 -s
sed 's/^LIBRARY ws2_32.dll/LIBRARY wsasim.dll/' "$here/shim/ws2_32.def" > "$out/wsasim.def"
"$cc" "${flags[@]}" -shared -o "$out/wsasim.dll" "${shim[@]}" "$out/wsasim.def" -luser32 -s \
  -Wl,--out-implib,"$out/libwsasim.a"
"$cc" "${flags[@]}" -o "$out/keeper.exe" "$here/keeper/keeper.c" -s
"$cc" "${flags[@]}" -o "$out/async_client.exe" "$here/sample/async_client.c" -lws2_32 -s
"$cc" "${flags[@]}" -o "$out/async_client_linked.exe" "$here/sample/async_client.c" -L"$out" -lwsasim -s
