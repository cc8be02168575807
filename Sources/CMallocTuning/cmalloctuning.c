#include "cmalloctuning.h"

// <stdlib.h> defines __GLIBC__ on glibc systems; mallopt is glibc's.
#include <stdlib.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

int riskreg_map_allocations_from(size_t threshold) {
#if defined(__GLIBC__)
    return mallopt(M_MMAP_THRESHOLD, (int)threshold);
#else
    (void)threshold;
    return 0;
#endif
}

int riskreg_release_free_memory(void) {
#if defined(__GLIBC__)
    return malloc_trim(0);
#else
    return 0;
#endif
}
