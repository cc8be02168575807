#include "cmarkdownarena.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/// Every allocation is preceded by a header giving its requested size and where it lives, so
/// `realloc` knows what to copy, and starts 16-byte aligned (what malloc promises on 64-bit
/// systems). Small allocations are carved out of blocks; large ones (a document's HTML, a long
/// code block) get a malloc of their own, which `realloc` and `free` pass on to malloc, so a
/// growing buffer does not leave a trail of copies in the blocks.
#define HEADER 16
#define FIRST_BLOCK (64 * 1024)
#define LARGEST_BLOCK (1024 * 1024)
#define LARGE (32 * 1024)
/// Small allocations up to this size that cmark frees are kept by size, 16 bytes apart, and
/// handed out again: cmark frees its inline parser's buffers and delimiters per paragraph, and
/// without reuse a 2 MB document of short list items held 20 MB more at its peak.
#define REUSED (1024)

typedef struct header {
    size_t size;
    size_t is_large;
} header;

typedef struct block {
    struct block *previous;
    size_t capacity;
    size_t used;
    size_t padding;  // keeps `data` 16-byte aligned after three words
    unsigned char data[];
} block;

/// A large allocation, in a list of its own so that `destroy` frees what cmark did not.
typedef struct large {
    struct large *previous;
    struct large *next;
    header header;
    unsigned char data[];
} large;

/// A freed small allocation waiting to be handed out again (its memory, after the header).
typedef struct freed {
    struct freed *next;
} freed;

struct riskreg_arena {
    block *head;
    large *larges;
    size_t reserved;
    freed *reusable[REUSED / 16 + 1];
};

static _Thread_local riskreg_arena *current;

riskreg_arena *riskreg_arena_create(void) {
    return calloc(1, sizeof(riskreg_arena));
}

void riskreg_arena_destroy(riskreg_arena *arena) {
    if (!arena) return;
    block *b = arena->head;
    while (b) {
        block *previous = b->previous;
        free(b);
        b = previous;
    }
    large *l = arena->larges;
    while (l) {
        large *next = l->next;
        free(l);
        l = next;
    }
    free(arena);
}

riskreg_arena *riskreg_arena_enter(riskreg_arena *arena) {
    riskreg_arena *previous = current;
    current = arena;
    return previous;
}

size_t riskreg_arena_reserved(const riskreg_arena *arena) {
    return arena ? arena->reserved : 0;
}

static void out_of_memory(void) {
    fputs("riskreg: out of memory while parsing markdown\n", stderr);
    abort();
}

static riskreg_arena *arena_in_use(void) {
    if (!current) {
        fputs("riskreg: cmark allocated outside a markdown arena (a bug in riskreg)\n", stderr);
        abort();
    }
    return current;
}

static size_t rounded(size_t size) {
    return (size + 15) & ~(size_t)15;
}

static header *header_of(void *pointer) {
    return (header *)((unsigned char *)pointer - HEADER);
}

static large *large_of(void *pointer) {
    return (large *)((unsigned char *)pointer - offsetof(large, data));
}

static void *allocate_large(riskreg_arena *arena, size_t size) {
    large *fresh = malloc(sizeof(large) + size);
    if (!fresh) out_of_memory();
    fresh->previous = NULL;
    fresh->next = arena->larges;
    if (arena->larges) arena->larges->previous = fresh;
    arena->larges = fresh;
    fresh->header.size = size;
    fresh->header.is_large = 1;
    return fresh->data;
}

static void *allocate(riskreg_arena *arena, size_t size) {
    if (size > SIZE_MAX / 2) out_of_memory();
    if (size >= LARGE) return allocate_large(arena, size);
    if (rounded(size) <= REUSED && size > 0) {
        freed *reuse = arena->reusable[rounded(size) / 16];
        if (reuse) {
            arena->reusable[rounded(size) / 16] = reuse->next;
            header_of(reuse)->size = size;
            return reuse;
        }
    }
    size_t need = HEADER + rounded(size);
    block *head = arena->head;
    if (!head || head->capacity - head->used < need) {
        size_t capacity = head ? head->capacity * 2 : FIRST_BLOCK;
        if (capacity > LARGEST_BLOCK) capacity = LARGEST_BLOCK;
        block *fresh = malloc(sizeof(block) + capacity);
        if (!fresh) out_of_memory();
        fresh->previous = head;
        fresh->capacity = capacity;
        fresh->used = 0;
        arena->head = fresh;
        arena->reserved += sizeof(block) + capacity;
        head = fresh;
    }
    unsigned char *start = head->data + head->used;
    head->used += need;
    header *h = (header *)start;
    h->size = size;
    h->is_large = 0;
    return start + HEADER;
}

static void *arena_calloc(size_t count, size_t size) {
    if (size != 0 && count > SIZE_MAX / size) out_of_memory();
    void *pointer = allocate(arena_in_use(), count * size);
    memset(pointer, 0, count * size);
    return pointer;
}

static void *arena_realloc(void *pointer, size_t size) {
    riskreg_arena *arena = arena_in_use();
    if (!pointer) return allocate(arena, size);
    header *h = header_of(pointer);
    size_t old = h->size;
    if (h->is_large) {
        if (size > SIZE_MAX / 2) out_of_memory();
        large *l = large_of(pointer);
        large *moved = realloc(l, sizeof(large) + size);
        if (!moved) out_of_memory();
        if (moved->previous) moved->previous->next = moved; else arena->larges = moved;
        if (moved->next) moved->next->previous = moved;
        moved->header.size = size;
        return moved->data;
    }
    if (size <= old) {
        return pointer;  // shrinking: the allocation stays as it is (its recorded size too)
    }
    block *head = arena->head;
    unsigned char *start = (unsigned char *)h;
    // The newest small allocation grows in place while it stays small and its block has room.
    if (size < LARGE && start + HEADER + rounded(old) == head->data + head->used
        && rounded(size) - rounded(old) <= head->capacity - head->used) {
        head->used += rounded(size) - rounded(old);
        h->size = size;
        return pointer;
    }
    void *moved = allocate(arena, size);
    memcpy(moved, pointer, old);
    return moved;
}

/// A large allocation goes back to malloc; a small one is kept for reuse (up to `REUSED`
/// bytes) or freed with the arena.
static void arena_free(void *pointer) {
    if (!pointer) return;
    riskreg_arena *arena = arena_in_use();
    header *h = header_of(pointer);
    if (!h->is_large) {
        size_t size = rounded(h->size);
        if (size > 0 && size <= REUSED) {
            freed *entry = pointer;
            entry->next = arena->reusable[size / 16];
            arena->reusable[size / 16] = entry;
        }
        return;
    }
    large *l = large_of(pointer);
    if (l->previous) l->previous->next = l->next; else arena->larges = l->next;
    if (l->next) l->next->previous = l->previous;
    free(l);
}

static cmark_mem allocator = {arena_calloc, arena_realloc, arena_free};

cmark_mem *riskreg_arena_allocator(void) {
    return &allocator;
}
