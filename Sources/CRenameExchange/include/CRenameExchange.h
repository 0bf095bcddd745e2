// Linux's renameat2(RENAME_EXCHANGE), which glibc declares only with _GNU_SOURCE (so Swift's
// Glibc module cannot see it): swaps two paths in one step, so an index built anew replaces the
// old one with no moment at which neither is there.
#ifndef CRENAME_EXCHANGE_H
#define CRENAME_EXCHANGE_H

/// Exchanges `first` and `second` (both must exist). 0 on success, else -1 with errno set
/// (EINVAL or ENOSYS where the file system or kernel cannot exchange).
int rename_exchange(const char *first, const char *second);

#endif
