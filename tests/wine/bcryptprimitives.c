/* Rust's standard library for Windows asks bcryptprimitives.dll for ProcessPrng, which Wine 8
   lacks: a test-only stand-in answering from RtlGenRandom, put beside the programs run under Wine
   (scripts/wine-run). Never shipped: the installers list their own files. */
#include <windows.h>
BOOLEAN WINAPI SystemFunction036(PVOID, ULONG);
__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
  while (len) { ULONG n = len > 0x7fffffff ? 0x7fffffff : (ULONG)len;
    if (!SystemFunction036(data, n)) return FALSE; data += n; len -= n; }
  return TRUE; }
