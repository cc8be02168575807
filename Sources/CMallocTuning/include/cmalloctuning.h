#ifndef RISKREG_CMALLOCTUNING_H
#define RISKREG_CMALLOCTUNING_H

#include <stddef.h>

/// Makes glibc's malloc map every allocation of `threshold` bytes or more on its own and give
/// it back to the system when freed (a fixed M_MMAP_THRESHOLD, which also stops glibc from
/// raising the threshold after each such free). Returns 1 on success, 0 where unsupported.
int riskreg_map_allocations_from(size_t threshold);

/// Gives the pages of freed memory in every malloc arena back to the system (glibc's
/// `malloc_trim(0)`). Returns 1 if memory was released, 0 if none was or where unsupported.
int riskreg_release_free_memory(void);

#endif
