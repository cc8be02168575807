#ifndef RISKREG_CRENAMEEXCHANGE_H
#define RISKREG_CRENAMEEXCHANGE_H

/// Atomically exchanges two paths (Linux renameat2 RENAME_EXCHANGE).
/// Returns 0 on success, -1 with errno set otherwise.
int riskreg_exchange_paths(const char *a, const char *b);

#endif
