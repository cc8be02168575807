#include "cformatting.h"

#include <stdio.h>

int riskreg_format_tenths(double value, char *buffer, size_t size) {
    return snprintf(buffer, size, "%.1f", value);
}
