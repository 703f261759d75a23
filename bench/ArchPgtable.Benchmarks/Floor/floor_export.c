/* Exports the loop of floor.c for the benchmarks' P/Invoke (FloorNative.cs).
 * floor.c beside this file is a verbatim copy of ../shared/perf/floor.c (the issue-15 C floor:
 * arm64 clear_young_dirty_ptes(Young|Dirty) as volatile 64-bit loads and stores); it is
 * included, not edited, so the bit operations are exactly its own. Its main() is renamed
 * out of the way. Built by ArchPgtable.Benchmarks.csproj (target BuildCFloor) with gcc -O2
 * -shared -fPIC into the output folder as libarchpgtable_floor.so. */
#define main archpgtable_floor_main
#include "floor.c"
#undef main

/* The floor: clear_young_dirty() over nr entries of t. */
__attribute__((visibility("default"))) void archpgtable_floor_clear_young_dirty(uint64_t *t, int nr)
{
    clear_young_dirty(t, nr);
}
