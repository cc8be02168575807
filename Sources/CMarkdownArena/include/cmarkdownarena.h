#ifndef RISKREG_CMARKDOWNARENA_H
#define RISKREG_CMARKDOWNARENA_H

#include <cmark.h>

/// Memory for one parsed document: cmark's nodes and small buffers are carved out of a few
/// large blocks and all freed at once, instead of a malloc and a free per node (cmark's
/// default allocator: a quarter of an import's parsing time went to calloc and free). Freeing
/// a small allocation does nothing; large ones (32 KB and up) are malloc's own and freed when
/// cmark frees them. `riskreg_arena_destroy` frees everything left.
typedef struct riskreg_arena riskreg_arena;

/// A new, empty arena, or NULL when out of memory.
riskreg_arena *riskreg_arena_create(void);

/// Frees every block the arena handed out. Nothing allocated from it may be used afterwards.
void riskreg_arena_destroy(riskreg_arena *arena);

/// Makes `arena` the one the calling thread's cmark calls allocate from (see
/// `riskreg_arena_allocator`) and returns the one that was, to be put back afterwards.
riskreg_arena *riskreg_arena_enter(riskreg_arena *arena);

/// cmark's allocator over the calling thread's current arena. cmark's allocator functions take
/// no context, so the arena is per thread: every cmark call that may allocate must run between
/// `riskreg_arena_enter(arena)` and putting the previous arena back. An allocation with no
/// current arena aborts (a programming error, not something a document can cause).
cmark_mem *riskreg_arena_allocator(void);

/// Bytes the arena's blocks for small allocations have taken from malloc (for tests).
size_t riskreg_arena_reserved(const riskreg_arena *arena);

#endif
