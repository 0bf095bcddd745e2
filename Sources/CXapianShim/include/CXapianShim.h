// A thin C interface over libxapian (1.4). Every function catches every C++
// exception and reports it through an `xs_error **` out-parameter instead, so no
// exception ever crosses into Swift. On failure a function returns NULL / -1 and
// sets `*error` to a heap-allocated xs_error, which the caller frees with
// xs_error_free. Strings are passed as (pointer, length): terms and data are bytes.
#ifndef CXAPIAN_SHIM_H
#define CXAPIAN_SHIM_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// An error raised inside Xapian (or the C++ runtime), as a value.
typedef struct xs_error {
    /// The Xapian error class, e.g. "DatabaseLockError"; "std::exception" or "unknown" otherwise.
    char *type;
    /// The human-readable message (with the errno context when Xapian gives one).
    char *message;
} xs_error;

void xs_error_free(xs_error *error);

/// Frees a buffer returned by the shim (strings and data out-parameters).
void xs_free(void *buffer);

typedef struct xs_database xs_database;
typedef struct xs_document xs_document;
typedef struct xs_stem xs_stem;
typedef struct xs_query xs_query;
typedef struct xs_enquire xs_enquire;
typedef struct xs_mset xs_mset;
typedef struct xs_termlist xs_termlist;
typedef struct xs_value_counts xs_value_counts;

// MARK: Databases

/// Opening modes for a writable database (Xapian::DB_*).
typedef enum xs_open_mode {
    XS_CREATE_OR_OPEN = 0,
    XS_CREATE_OR_OVERWRITE = 1,
    XS_CREATE = 2,
    XS_OPEN = 3,
} xs_open_mode;

/// Opens a database read-only (a directory or a stub file).
xs_database *xs_database_open(const char *path, xs_error **error);
/// Opens a database on a remote `xapian-tcpsrv`.
xs_database *xs_database_open_remote(const char *host, unsigned port, unsigned timeout_ms, xs_error **error);
/// Opens a database for writing; `wait_for_lock` blocks until another writer lets go.
xs_database *xs_writable_open(const char *path, xs_open_mode mode, int wait_for_lock, xs_error **error);
void xs_database_free(xs_database *db);

/// Adds `other` as a further shard of `db` (both must be read-only handles).
int xs_database_add_database(xs_database *db, const xs_database *other, xs_error **error);
int xs_database_reopen(xs_database *db, xs_error **error);
int xs_database_doccount(const xs_database *db, uint32_t *count, xs_error **error);
int xs_database_termfreq(const xs_database *db, const char *term, size_t len, uint32_t *freq, xs_error **error);
/// The first document indexed by `term`, or 0 in `*docid` when none is.
int xs_database_first_docid(const xs_database *db, const char *term, size_t len, uint32_t *docid, xs_error **error);
xs_document *xs_database_document(const xs_database *db, uint32_t docid, xs_error **error);
/// Every term starting with `prefix`, in byte order.
xs_termlist *xs_database_allterms(const xs_database *db, const char *prefix, size_t len, xs_error **error);
/// The synonyms recorded for `term` (multi-word synonyms have their words separated by spaces).
xs_termlist *xs_database_synonyms(const xs_database *db, const char *term, size_t len, xs_error **error);
/// User metadata: the value of `key`, empty when unset.
int xs_database_metadata(const xs_database *db, const char *key, size_t key_len, char **value, size_t *value_len, xs_error **error);
/// The database's UUID (several, joined, for a combined one); it changes when the database is created anew.
int xs_database_uuid(const xs_database *db, char **uuid, size_t *uuid_len, xs_error **error);
/// Writes a compacted copy of the database's last commit into the new directory `output`:
/// Xapian's compact with Compactor::FULLER (full blocks, the smallest database; what
/// `xapian-compact --fuller` does). A combined database (a stub of shards) is merged into one.
int xs_database_compact(const xs_database *db, const char *output, xs_error **error);
/// Xapian's spelling suggestion for `word` within `max_edit_distance`, empty when none.
int xs_database_spelling_suggestion(const xs_database *db, const char *word, size_t len, unsigned max_edit_distance,
                                    char **suggestion, size_t *suggestion_len, xs_error **error);

// MARK: Writing (the handle must come from xs_writable_open)

/// Replaces the document indexed by `unique_term` (or adds it); `*docid` gets its id.
int xs_writable_replace(xs_database *db, const char *unique_term, size_t len, const xs_document *doc, uint32_t *docid, xs_error **error);
int xs_writable_delete(xs_database *db, const char *unique_term, size_t len, xs_error **error);
int xs_writable_commit(xs_database *db, xs_error **error);
int xs_writable_begin_transaction(xs_database *db, int flushed, xs_error **error);
int xs_writable_commit_transaction(xs_database *db, xs_error **error);
int xs_writable_cancel_transaction(xs_database *db, xs_error **error);
int xs_writable_set_metadata(xs_database *db, const char *key, size_t key_len, const char *value, size_t value_len, xs_error **error);
int xs_writable_add_synonym(xs_database *db, const char *term, size_t len, const char *synonym, size_t synonym_len, xs_error **error);
int xs_writable_add_spelling(xs_database *db, const char *word, size_t len, uint32_t increment, xs_error **error);
int xs_writable_remove_spelling(xs_database *db, const char *word, size_t len, uint32_t decrement, xs_error **error);
/// Commits pending changes and releases the write lock.
int xs_writable_close(xs_database *db, xs_error **error);

// MARK: Term lists

/// Advances to the next term: returns 1 and sets `*term` (valid until the next call), 0 at the end, -1 on error.
int xs_termlist_next(xs_termlist *list, const char **term, size_t *len, xs_error **error);
void xs_termlist_free(xs_termlist *list);
/// How many documents hold the current term (for a match spy's values: how many matches had it).
int xs_termlist_termfreq(const xs_termlist *list, uint32_t *freq, xs_error **error);

// MARK: Documents

xs_document *xs_document_new(xs_error **error);
void xs_document_free(xs_document *doc);
int xs_document_add_posting(xs_document *doc, const char *term, size_t len, uint32_t position, uint32_t wdf_increment, xs_error **error);
int xs_document_add_term(xs_document *doc, const char *term, size_t len, uint32_t wdf_increment, xs_error **error);
int xs_document_add_boolean_term(xs_document *doc, const char *term, size_t len, xs_error **error);
int xs_document_add_value(xs_document *doc, uint32_t slot, const char *value, size_t len, xs_error **error);
int xs_document_set_data(xs_document *doc, const char *data, size_t len, xs_error **error);
int xs_document_data(const xs_document *doc, char **data, size_t *len, xs_error **error);
int xs_document_value(const xs_document *doc, uint32_t slot, char **value, size_t *len, xs_error **error);
uint32_t xs_document_docid(const xs_document *doc);
/// The document's own terms, in byte order.
xs_termlist *xs_document_termlist(const xs_document *doc, xs_error **error);

// MARK: Stemming

/// A Snowball stemmer, e.g. "danish" or "da"; unknown languages are an InvalidArgumentError.
xs_stem *xs_stem_new(const char *language, xs_error **error);
void xs_stem_free(xs_stem *stem);
int xs_stem_apply(const xs_stem *stem, const char *word, size_t len, char **out, size_t *out_len, xs_error **error);

// MARK: Queries

/// Query operators (a subset of Xapian::Query::op).
typedef enum xs_query_op {
    XS_OP_AND,
    XS_OP_OR,
    XS_OP_AND_NOT,
    XS_OP_AND_MAYBE,
    XS_OP_FILTER,
    XS_OP_NEAR,
    XS_OP_PHRASE,
    XS_OP_SYNONYM,
    XS_OP_MAX,
} xs_query_op;

xs_query *xs_query_term(const char *term, size_t len, uint32_t wqf, uint32_t position, xs_error **error);
/// Combines `count` subqueries; `window` is used by NEAR and PHRASE (0 = the number of subqueries).
xs_query *xs_query_combine(xs_query_op op, const xs_query *const *subqueries, size_t count, uint32_t window, xs_error **error);
/// Every term starting with `prefix`, OR-ed (at most `max_expansion` terms, 0 = no limit).
xs_query *xs_query_wildcard(const char *prefix, size_t len, uint32_t max_expansion, xs_error **error);
/// Documents whose value in `slot` lies in [low, high] (byte order); an empty bound is open.
xs_query *xs_query_value_range(uint32_t slot, const char *low, size_t low_len, const char *high, size_t high_len, xs_error **error);
xs_query *xs_query_scale(const xs_query *query, double factor, xs_error **error);
xs_query *xs_query_match_all(xs_error **error);
xs_query *xs_query_match_nothing(xs_error **error);
void xs_query_free(xs_query *query);
int xs_query_description(const xs_query *query, char **out, size_t *len, xs_error **error);

// MARK: Enquire and results

xs_enquire *xs_enquire_new(const xs_database *db, xs_error **error);
void xs_enquire_free(xs_enquire *enquire);
int xs_enquire_set_query(xs_enquire *enquire, const xs_query *query, xs_error **error);
/// After `seconds` of matching, stop checking further documents (Enquire::set_time_limit); 0: no limit.
int xs_enquire_set_time_limit(xs_enquire *enquire, double seconds, xs_error **error);
/// BM25 with Xapian's parameters (defaults: k1 1, k2 0, k3 1, b 0.5, min_normlen 0.5).
int xs_enquire_set_bm25(xs_enquire *enquire, double k1, double k2, double k3, double b, double min_normlen, xs_error **error);
xs_mset *xs_enquire_mset(xs_enquire *enquire, uint32_t first, uint32_t max_items, uint32_t check_at_least, xs_error **error);
/// Orders matches by the value in `slot` (byte order; `descending` for the largest first), then
/// by relevance; documents with no value in the slot come last either way (a MultiValueKeyMaker).
int xs_enquire_set_sort_by_value(xs_enquire *enquire, uint32_t slot, int descending, xs_error **error);
/// Orders matches by relevance (the default).
int xs_enquire_set_sort_by_relevance(xs_enquire *enquire, xs_error **error);
/// Keeps at most `collapse_max` matches with each value in `slot`, the best ranked
/// (Enquire::set_collapse_key); documents with no value there are never collapsed.
int xs_enquire_set_collapse_key(xs_enquire *enquire, uint32_t slot, uint32_t collapse_max, xs_error **error);
/// Counts the values in `slot` of every match the next xs_enquire_mset examines (a
/// ValueCountMatchSpy). The spy must outlive the enquire's searches; free it after the enquire.
xs_value_counts *xs_enquire_add_value_counts(xs_enquire *enquire, uint32_t slot, xs_error **error);
/// Query expansion (Enquire::get_eset) from the relevance set `docids`: up to `max_terms` terms,
/// best first, written NUL-separated into `*terms` (free with xs_free). Terms starting with an
/// ASCII capital (prefixed terms), terms without a letter, one-byte terms and the `skip_count`
/// NUL-separated terms in `skip` are never returned.
int xs_enquire_eset(xs_enquire *enquire, const uint32_t *docids, size_t count, uint32_t max_terms,
                    const char *skip, size_t skip_len, char **terms, size_t *terms_len, xs_error **error);

void xs_value_counts_free(xs_value_counts *counts);
/// How many documents the spy examined.
int xs_value_counts_total(const xs_value_counts *counts, uint32_t *total, xs_error **error);
/// The values seen, in byte order; xs_termlist_termfreq gives each one's count.
xs_termlist *xs_value_counts_values(const xs_value_counts *counts, xs_error **error);

void xs_mset_free(xs_mset *mset);
int xs_mset_size(const xs_mset *mset, uint32_t *size, xs_error **error);
/// Matching documents: a lower bound, an estimate and an upper bound.
int xs_mset_counts(const xs_mset *mset, uint32_t *lower, uint32_t *estimated, uint32_t *upper, xs_error **error);
/// The same before collapsing (MSet::get_uncollapsed_matches_*); as xs_mset_counts without a collapse key.
int xs_mset_uncollapsed_counts(const xs_mset *mset, uint32_t *lower, uint32_t *estimated, uint32_t *upper, xs_error **error);
int xs_mset_item(const xs_mset *mset, uint32_t index, uint32_t *docid, double *weight, xs_error **error);
xs_document *xs_mset_document(const xs_mset *mset, uint32_t index, xs_error **error);

#ifdef __cplusplus
}
#endif

#endif
