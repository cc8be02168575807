#include <sqlite3.h>

/* sqlite3_config is variadic, so Swift cannot call it: one wrapper per setting riskreg makes. */

/* Turns off SQLite's memory statistics, which take a process-wide mutex on every allocation
   and free. Must run before the first connection opens (returns SQLITE_MISUSE after). */
static inline int riskreg_sqlite3_disable_memory_statistics(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}
