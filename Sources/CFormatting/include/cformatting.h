#ifndef RISKREG_CFORMATTING_H
#define RISKREG_CFORMATTING_H

#include <stddef.h>

/// Writes `value` as C's `%.1f` does into `buffer` (at most `size` bytes with the NUL).
/// Returns what snprintf returns: the length of the full text, or a negative number on error.
/// (Swift cannot call C's variadic functions; through `withVaList` every number was boxed and
/// cast at run time.)
int riskreg_format_tenths(double value, char *buffer, size_t size);

#endif
