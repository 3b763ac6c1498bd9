/*
 * A stand-in for Windows' bcryptprimitives.dll, for running termly's Windows build under
 * Wine 8 (Debian bookworm's wine64), which does not ship that DLL. Rust's standard library
 * (1.78 and later) takes its random numbers from ProcessPrng in it: without the DLL every
 * termly.exe and test .exe fails to start. Real Windows (10 and later) always has it; this
 * file is for CI only and never goes into the release zip.
 *
 * ProcessPrng fills the buffer from RtlGenRandom (advapi32's SystemFunction036), which Wine
 * implements from the host's /dev/urandom. `.ci/windows/wine-run` builds it with MinGW and
 * puts it beside the .exe.
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
