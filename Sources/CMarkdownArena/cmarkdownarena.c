#include "cmarkdownarena.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/// Every allocation is preceded by its requested size, so `realloc` knows what to copy, and
/// starts 16-byte aligned (what malloc promises on 64-bit systems).
#define HEADER 16
#define FIRST_BLOCK (64 * 1024)
#define LARGEST_BLOCK (4 * 1024 * 1024)

typedef struct block {
    struct block *previous;
    size_t capacity;
    size_t used;
    size_t padding;  // keeps `data` 16-byte aligned after three words
    unsigned char data[];
} block;

struct riskreg_arena {
    block *head;
    size_t reserved;
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

static void *allocate(riskreg_arena *arena, size_t size) {
    if (size > SIZE_MAX / 2) out_of_memory();
    size_t need = HEADER + rounded(size);
    block *head = arena->head;
    if (!head || head->capacity - head->used < need) {
        size_t capacity = head ? head->capacity * 2 : FIRST_BLOCK;
        if (capacity > LARGEST_BLOCK) capacity = LARGEST_BLOCK;
        if (capacity < need) capacity = need;
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
    memcpy(start, &size, sizeof size);
    return start + HEADER;
}

static size_t size_of(const void *pointer) {
    size_t size;
    memcpy(&size, (const unsigned char *)pointer - HEADER, sizeof size);
    return size;
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
    size_t old = size_of(pointer);
    if (size <= old) {
        return pointer;  // shrinking: the block stays as it is (its recorded size too)
    }
    block *head = arena->head;
    unsigned char *start = (unsigned char *)pointer - HEADER;
    // The newest allocation grows in place when its block has room.
    if (start + HEADER + rounded(old) == head->data + head->used
        && size <= SIZE_MAX / 2
        && rounded(size) - rounded(old) <= head->capacity - head->used) {
        head->used += rounded(size) - rounded(old);
        memcpy(start, &size, sizeof size);
        return pointer;
    }
    void *moved = allocate(arena, size);
    memcpy(moved, pointer, old);
    return moved;
}

static void arena_free(void *pointer) {
    (void)pointer;  // freed with the arena
}

static cmark_mem allocator = {arena_calloc, arena_realloc, arena_free};

cmark_mem *riskreg_arena_allocator(void) {
    return &allocator;
}
