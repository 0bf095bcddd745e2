// Implementation of CXapianShim.h. Each entry point runs its body inside
// `guarded`, which turns any exception into an xs_error value.
#include "CXapianShim.h"

#include <xapian.h>

#include <cstdlib>
#include <cstring>
#include <new>
#include <set>
#include <string>
#include <vector>

struct xs_database {
    Xapian::Database db;
    Xapian::WritableDatabase wdb;  // Empty unless opened for writing.
    bool writable = false;
};
struct xs_document { Xapian::Document doc; };
struct xs_stem { Xapian::Stem stem; };
struct xs_query { Xapian::Query query; };
struct xs_enquire { Xapian::Enquire enquire; };
struct xs_mset { Xapian::MSet mset; };
struct xs_value_counts { Xapian::ValueCountMatchSpy spy; };
struct xs_termlist {
    Xapian::TermIterator it, end;
    std::string current;
    bool started = false;
};

namespace {

char *copy_cstring(const char *text) {
    size_t len = std::strlen(text);
    char *out = static_cast<char *>(std::malloc(len + 1));
    if (out) std::memcpy(out, text, len + 1);
    return out;
}

void set_error(xs_error **error, const char *type, const std::string &message) noexcept {
    if (!error) return;
    xs_error *e = static_cast<xs_error *>(std::malloc(sizeof(xs_error)));
    if (!e) { *error = nullptr; return; }
    e->type = copy_cstring(type);
    e->message = copy_cstring(message.c_str());
    *error = e;
}

void set_error(xs_error **error, const char *type, const char *message) noexcept {
    if (!error) return;
    xs_error *e = static_cast<xs_error *>(std::malloc(sizeof(xs_error)));
    if (!e) { *error = nullptr; return; }
    e->type = copy_cstring(type);
    e->message = copy_cstring(message);
    *error = e;
}

/// Runs `body`, returning `failure` and filling `*error` if it throws anything.
template <typename Result, typename Body>
Result guarded(xs_error **error, Result failure, Body body) noexcept {
    if (error) *error = nullptr;
    try {
        return body();
    } catch (const Xapian::Error &e) {
        try {
            std::string message = e.get_msg();
            const char *context = e.get_error_string();
            if (context && *context) message += std::string(" (") + context + ")";
            set_error(error, e.get_type(), message);
        } catch (...) {
            set_error(error, e.get_type(), "Xapian error (message unavailable)");
        }
    } catch (const std::bad_alloc &) {
        set_error(error, "std::bad_alloc", "out of memory");
    } catch (const std::exception &e) {
        set_error(error, "std::exception", e.what());
    } catch (...) {
        set_error(error, "unknown", "unknown C++ exception");
    }
    return failure;
}

/// Copies `bytes` into a malloc'd buffer for the caller to free with xs_free.
int hand_over(const std::string &bytes, char **out, size_t *len) {
    char *buffer = static_cast<char *>(std::malloc(bytes.size() + 1));
    if (!buffer) throw std::bad_alloc();
    std::memcpy(buffer, bytes.data(), bytes.size());
    buffer[bytes.size()] = '\0';
    *out = buffer;
    *len = bytes.size();
    return 0;
}

Xapian::WritableDatabase &writable(xs_database *db) {
    if (!db->writable) throw Xapian::InvalidOperationError("database was opened read-only");
    return db->wdb;
}

/// Accepts the plain words of the index for query expansion: no prefixed term (omega's convention:
/// a prefix starts with a capital), no term without a letter, no one-byte term, none in `skip`.
class WordExpandDecider : public Xapian::ExpandDecider {
    std::set<std::string> skip;

  public:
    WordExpandDecider(const char *terms, size_t len) {
        size_t start = 0;
        for (size_t i = 0; i <= len; ++i) {
            if (i == len || terms[i] == '\0') {
                if (i > start) skip.insert(std::string(terms + start, i - start));
                start = i + 1;
            }
        }
    }

    bool operator()(const std::string &term) const override {
        if (term.size() < 2) return false;
        unsigned char first = static_cast<unsigned char>(term[0]);
        if (first >= 'A' && first <= 'Z') return false;
        bool has_letter = false;
        for (unsigned char c : term) {
            if ((c >= 'a' && c <= 'z') || c >= 0x80) { has_letter = true; break; }
        }
        return has_letter && skip.find(term) == skip.end();
    }
};

Xapian::Query::op to_xapian(xs_query_op op) {
    switch (op) {
        case XS_OP_AND: return Xapian::Query::OP_AND;
        case XS_OP_OR: return Xapian::Query::OP_OR;
        case XS_OP_AND_NOT: return Xapian::Query::OP_AND_NOT;
        case XS_OP_AND_MAYBE: return Xapian::Query::OP_AND_MAYBE;
        case XS_OP_FILTER: return Xapian::Query::OP_FILTER;
        case XS_OP_NEAR: return Xapian::Query::OP_NEAR;
        case XS_OP_PHRASE: return Xapian::Query::OP_PHRASE;
        case XS_OP_SYNONYM: return Xapian::Query::OP_SYNONYM;
        case XS_OP_MAX: return Xapian::Query::OP_MAX;
    }
    throw Xapian::InvalidArgumentError("unknown query operator");
}

}  // namespace

extern "C" {

void xs_error_free(xs_error *error) {
    if (!error) return;
    std::free(error->type);
    std::free(error->message);
    std::free(error);
}

void xs_free(void *buffer) { std::free(buffer); }

// MARK: Databases

xs_database *xs_database_open(const char *path, xs_error **error) {
    return guarded(error, static_cast<xs_database *>(nullptr), [&] {
        auto *handle = new xs_database();
        try {
            handle->db = Xapian::Database(path);
        } catch (...) {
            delete handle;
            throw;
        }
        return handle;
    });
}

xs_database *xs_database_open_remote(const char *host, unsigned port, unsigned timeout_ms, xs_error **error) {
    return guarded(error, static_cast<xs_database *>(nullptr), [&] {
        auto *handle = new xs_database();
        try {
            handle->db = Xapian::Remote::open(host, port, timeout_ms, timeout_ms);
        } catch (...) {
            delete handle;
            throw;
        }
        return handle;
    });
}

xs_database *xs_writable_open(const char *path, xs_open_mode mode, int wait_for_lock, xs_error **error) {
    return guarded(error, static_cast<xs_database *>(nullptr), [&] {
        int flags = static_cast<int>(mode);
        if (wait_for_lock) flags |= Xapian::DB_RETRY_LOCK;
        auto *handle = new xs_database();
        try {
            handle->wdb = Xapian::WritableDatabase(path, flags);
            handle->db = handle->wdb;
            handle->writable = true;
        } catch (...) {
            delete handle;
            throw;
        }
        return handle;
    });
}

void xs_database_free(xs_database *db) {
    // ~WritableDatabase commits and swallows errors; callers close() first to see them.
    guarded(nullptr, 0, [&] { delete db; return 0; });
}

int xs_database_add_database(xs_database *db, const xs_database *other, xs_error **error) {
    return guarded(error, -1, [&] {
        if (db->writable) throw Xapian::InvalidOperationError("cannot add shards to a writable database");
        db->db.add_database(other->db);
        return 0;
    });
}

int xs_database_reopen(xs_database *db, xs_error **error) {
    return guarded(error, -1, [&] { db->db.reopen(); return 0; });
}

int xs_database_doccount(const xs_database *db, uint32_t *count, xs_error **error) {
    return guarded(error, -1, [&] { *count = db->db.get_doccount(); return 0; });
}

int xs_database_termfreq(const xs_database *db, const char *term, size_t len, uint32_t *freq, xs_error **error) {
    return guarded(error, -1, [&] { *freq = db->db.get_termfreq(std::string(term, len)); return 0; });
}

int xs_database_first_docid(const xs_database *db, const char *term, size_t len, uint32_t *docid, xs_error **error) {
    return guarded(error, -1, [&] {
        std::string t(term, len);
        Xapian::PostingIterator it = db->db.postlist_begin(t);
        *docid = (it == db->db.postlist_end(t)) ? 0 : *it;
        return 0;
    });
}

xs_document *xs_database_document(const xs_database *db, uint32_t docid, xs_error **error) {
    return guarded(error, static_cast<xs_document *>(nullptr), [&] {
        return new xs_document{db->db.get_document(docid)};
    });
}

xs_termlist *xs_database_allterms(const xs_database *db, const char *prefix, size_t len, xs_error **error) {
    return guarded(error, static_cast<xs_termlist *>(nullptr), [&] {
        std::string p(prefix, len);
        auto *list = new xs_termlist();
        list->it = db->db.allterms_begin(p);
        list->end = db->db.allterms_end(p);
        return list;
    });
}

xs_termlist *xs_database_synonyms(const xs_database *db, const char *term, size_t len, xs_error **error) {
    return guarded(error, static_cast<xs_termlist *>(nullptr), [&] {
        std::string t(term, len);
        auto *list = new xs_termlist();
        list->it = db->db.synonyms_begin(t);
        list->end = db->db.synonyms_end(t);
        return list;
    });
}

int xs_database_metadata(const xs_database *db, const char *key, size_t key_len, char **value, size_t *value_len, xs_error **error) {
    return guarded(error, -1, [&] { return hand_over(db->db.get_metadata(std::string(key, key_len)), value, value_len); });
}

int xs_database_uuid(const xs_database *db, char **uuid, size_t *uuid_len, xs_error **error) {
    return guarded(error, -1, [&] { return hand_over(db->db.get_uuid(), uuid, uuid_len); });
}

int xs_database_compact(const xs_database *db, const char *output, xs_error **error) {
    return guarded(error, -1, [&] {
        Xapian::Database copy = db->db;  // compact() is not const; the handle is shared.
        copy.compact(std::string(output), Xapian::Compactor::FULLER);
        return 0;
    });
}

int xs_database_spelling_suggestion(const xs_database *db, const char *word, size_t len, unsigned max_edit_distance,
                                    char **suggestion, size_t *suggestion_len, xs_error **error) {
    return guarded(error, -1, [&] {
        return hand_over(db->db.get_spelling_suggestion(std::string(word, len), max_edit_distance), suggestion, suggestion_len);
    });
}

// MARK: Writing

int xs_writable_replace(xs_database *db, const char *unique_term, size_t len, const xs_document *doc, uint32_t *docid, xs_error **error) {
    return guarded(error, -1, [&] {
        *docid = writable(db).replace_document(std::string(unique_term, len), doc->doc);
        return 0;
    });
}

int xs_writable_delete(xs_database *db, const char *unique_term, size_t len, xs_error **error) {
    return guarded(error, -1, [&] { writable(db).delete_document(std::string(unique_term, len)); return 0; });
}

int xs_writable_commit(xs_database *db, xs_error **error) {
    return guarded(error, -1, [&] { writable(db).commit(); return 0; });
}

int xs_writable_begin_transaction(xs_database *db, int flushed, xs_error **error) {
    return guarded(error, -1, [&] { writable(db).begin_transaction(flushed != 0); return 0; });
}

int xs_writable_commit_transaction(xs_database *db, xs_error **error) {
    return guarded(error, -1, [&] { writable(db).commit_transaction(); return 0; });
}

int xs_writable_cancel_transaction(xs_database *db, xs_error **error) {
    return guarded(error, -1, [&] { writable(db).cancel_transaction(); return 0; });
}

int xs_writable_set_metadata(xs_database *db, const char *key, size_t key_len, const char *value, size_t value_len, xs_error **error) {
    return guarded(error, -1, [&] {
        writable(db).set_metadata(std::string(key, key_len), std::string(value, value_len));
        return 0;
    });
}

int xs_writable_add_synonym(xs_database *db, const char *term, size_t len, const char *synonym, size_t synonym_len, xs_error **error) {
    return guarded(error, -1, [&] {
        writable(db).add_synonym(std::string(term, len), std::string(synonym, synonym_len));
        return 0;
    });
}

int xs_writable_add_spelling(xs_database *db, const char *word, size_t len, uint32_t increment, xs_error **error) {
    return guarded(error, -1, [&] { writable(db).add_spelling(std::string(word, len), increment); return 0; });
}

int xs_writable_remove_spelling(xs_database *db, const char *word, size_t len, uint32_t decrement, xs_error **error) {
    return guarded(error, -1, [&] { writable(db).remove_spelling(std::string(word, len), decrement); return 0; });
}

int xs_writable_close(xs_database *db, xs_error **error) {
    return guarded(error, -1, [&] { writable(db).close(); return 0; });
}

// MARK: Term lists

int xs_termlist_next(xs_termlist *list, const char **term, size_t *len, xs_error **error) {
    return guarded(error, -1, [&] {
        if (list->started && list->it != list->end) ++list->it;
        list->started = true;
        if (list->it == list->end) return 0;
        list->current = *list->it;
        *term = list->current.data();
        *len = list->current.size();
        return 1;
    });
}

void xs_termlist_free(xs_termlist *list) {
    guarded(nullptr, 0, [&] { delete list; return 0; });
}

int xs_termlist_termfreq(const xs_termlist *list, uint32_t *freq, xs_error **error) {
    return guarded(error, -1, [&] {
        if (!list->started || list->it == list->end) throw Xapian::InvalidOperationError("the term list has no current term");
        *freq = list->it.get_termfreq();
        return 0;
    });
}

// MARK: Documents

xs_document *xs_document_new(xs_error **error) {
    return guarded(error, static_cast<xs_document *>(nullptr), [&] { return new xs_document(); });
}

void xs_document_free(xs_document *doc) {
    guarded(nullptr, 0, [&] { delete doc; return 0; });
}

int xs_document_add_posting(xs_document *doc, const char *term, size_t len, uint32_t position, uint32_t wdf_increment, xs_error **error) {
    return guarded(error, -1, [&] { doc->doc.add_posting(std::string(term, len), position, wdf_increment); return 0; });
}

int xs_document_add_term(xs_document *doc, const char *term, size_t len, uint32_t wdf_increment, xs_error **error) {
    return guarded(error, -1, [&] { doc->doc.add_term(std::string(term, len), wdf_increment); return 0; });
}

int xs_document_add_boolean_term(xs_document *doc, const char *term, size_t len, xs_error **error) {
    return guarded(error, -1, [&] { doc->doc.add_boolean_term(std::string(term, len)); return 0; });
}

int xs_document_add_value(xs_document *doc, uint32_t slot, const char *value, size_t len, xs_error **error) {
    return guarded(error, -1, [&] { doc->doc.add_value(slot, std::string(value, len)); return 0; });
}

int xs_document_set_data(xs_document *doc, const char *data, size_t len, xs_error **error) {
    return guarded(error, -1, [&] { doc->doc.set_data(std::string(data, len)); return 0; });
}

int xs_document_data(const xs_document *doc, char **data, size_t *len, xs_error **error) {
    return guarded(error, -1, [&] { return hand_over(doc->doc.get_data(), data, len); });
}

int xs_document_value(const xs_document *doc, uint32_t slot, char **value, size_t *len, xs_error **error) {
    return guarded(error, -1, [&] { return hand_over(doc->doc.get_value(slot), value, len); });
}

uint32_t xs_document_docid(const xs_document *doc) {
    return guarded(nullptr, 0u, [&] { return doc->doc.get_docid(); });
}

xs_termlist *xs_document_termlist(const xs_document *doc, xs_error **error) {
    return guarded(error, static_cast<xs_termlist *>(nullptr), [&] {
        auto *list = new xs_termlist();
        list->it = doc->doc.termlist_begin();
        list->end = doc->doc.termlist_end();
        return list;
    });
}

// MARK: Stemming

xs_stem *xs_stem_new(const char *language, xs_error **error) {
    return guarded(error, static_cast<xs_stem *>(nullptr), [&] { return new xs_stem{Xapian::Stem(language)}; });
}

void xs_stem_free(xs_stem *stem) {
    guarded(nullptr, 0, [&] { delete stem; return 0; });
}

int xs_stem_apply(const xs_stem *stem, const char *word, size_t len, char **out, size_t *out_len, xs_error **error) {
    return guarded(error, -1, [&] { return hand_over(stem->stem(std::string(word, len)), out, out_len); });
}

// MARK: Queries

xs_query *xs_query_term(const char *term, size_t len, uint32_t wqf, uint32_t position, xs_error **error) {
    return guarded(error, static_cast<xs_query *>(nullptr), [&] {
        return new xs_query{Xapian::Query(std::string(term, len), wqf, position)};
    });
}

xs_query *xs_query_combine(xs_query_op op, const xs_query *const *subqueries, size_t count, uint32_t window, xs_error **error) {
    return guarded(error, static_cast<xs_query *>(nullptr), [&] {
        std::vector<Xapian::Query> parts;
        parts.reserve(count);
        for (size_t i = 0; i < count; ++i) parts.push_back(subqueries[i]->query);
        return new xs_query{Xapian::Query(to_xapian(op), parts.begin(), parts.end(), window)};
    });
}

xs_query *xs_query_wildcard(const char *prefix, size_t len, uint32_t max_expansion, xs_error **error) {
    return guarded(error, static_cast<xs_query *>(nullptr), [&] {
        // WILDCARD_LIMIT_MOST_FREQUENT keeps the `max_expansion` most frequent terms, so with 0 it
        // keeps none; 0 means "no limit" only with WILDCARD_LIMIT_ERROR (which never trips at 0).
        int flags = max_expansion ? Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT : Xapian::Query::WILDCARD_LIMIT_ERROR;
        return new xs_query{Xapian::Query(Xapian::Query::OP_WILDCARD, std::string(prefix, len), max_expansion, flags)};
    });
}

xs_query *xs_query_value_range(uint32_t slot, const char *low, size_t low_len, const char *high, size_t high_len, xs_error **error) {
    return guarded(error, static_cast<xs_query *>(nullptr), [&] {
        std::string lo(low, low_len), hi(high, high_len);
        if (lo.empty() && hi.empty()) return new xs_query{Xapian::Query::MatchAll};
        if (lo.empty()) return new xs_query{Xapian::Query(Xapian::Query::OP_VALUE_LE, slot, hi)};
        if (hi.empty()) return new xs_query{Xapian::Query(Xapian::Query::OP_VALUE_GE, slot, lo)};
        return new xs_query{Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot, lo, hi)};
    });
}

xs_query *xs_query_scale(const xs_query *query, double factor, xs_error **error) {
    return guarded(error, static_cast<xs_query *>(nullptr), [&] {
        return new xs_query{Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, query->query, factor)};
    });
}

xs_query *xs_query_match_all(xs_error **error) {
    return guarded(error, static_cast<xs_query *>(nullptr), [&] { return new xs_query{Xapian::Query::MatchAll}; });
}

xs_query *xs_query_match_nothing(xs_error **error) {
    return guarded(error, static_cast<xs_query *>(nullptr), [&] { return new xs_query{Xapian::Query::MatchNothing}; });
}

void xs_query_free(xs_query *query) {
    guarded(nullptr, 0, [&] { delete query; return 0; });
}

int xs_query_description(const xs_query *query, char **out, size_t *len, xs_error **error) {
    return guarded(error, -1, [&] { return hand_over(query->query.get_description(), out, len); });
}

// MARK: Enquire and results

xs_enquire *xs_enquire_new(const xs_database *db, xs_error **error) {
    return guarded(error, static_cast<xs_enquire *>(nullptr), [&] { return new xs_enquire{Xapian::Enquire(db->db)}; });
}

void xs_enquire_free(xs_enquire *enquire) {
    guarded(nullptr, 0, [&] { delete enquire; return 0; });
}

int xs_enquire_set_query(xs_enquire *enquire, const xs_query *query, xs_error **error) {
    return guarded(error, -1, [&] { enquire->enquire.set_query(query->query); return 0; });
}

int xs_enquire_set_time_limit(xs_enquire *enquire, double seconds, xs_error **error) {
    return guarded(error, -1, [&] { enquire->enquire.set_time_limit(seconds); return 0; });
}

int xs_enquire_set_bm25(xs_enquire *enquire, double k1, double k2, double k3, double b, double min_normlen, xs_error **error) {
    return guarded(error, -1, [&] {
        enquire->enquire.set_weighting_scheme(Xapian::BM25Weight(k1, k2, k3, b, min_normlen));
        return 0;
    });
}

xs_mset *xs_enquire_mset(xs_enquire *enquire, uint32_t first, uint32_t max_items, uint32_t check_at_least, xs_error **error) {
    return guarded(error, static_cast<xs_mset *>(nullptr), [&] {
        return new xs_mset{enquire->enquire.get_mset(first, max_items, check_at_least)};
    });
}

int xs_enquire_set_sort_by_value(xs_enquire *enquire, uint32_t slot, int descending, xs_error **error) {
    return guarded(error, -1, [&] {
        auto *sorter = new Xapian::MultiValueKeyMaker();
        // A reversed empty value makes the largest key, so missing values sort last descending;
        // ascending, a default of \xff sorts after every real value.
        sorter->add_value(slot, descending != 0, descending ? std::string() : std::string("\xff"));
        enquire->enquire.set_sort_by_key_then_relevance(sorter->release(), false);
        return 0;
    });
}

int xs_enquire_set_sort_by_relevance(xs_enquire *enquire, xs_error **error) {
    return guarded(error, -1, [&] { enquire->enquire.set_sort_by_relevance(); return 0; });
}

int xs_enquire_set_collapse_key(xs_enquire *enquire, uint32_t slot, uint32_t collapse_max, xs_error **error) {
    return guarded(error, -1, [&] { enquire->enquire.set_collapse_key(slot, collapse_max); return 0; });
}

xs_value_counts *xs_enquire_add_value_counts(xs_enquire *enquire, uint32_t slot, xs_error **error) {
    return guarded(error, static_cast<xs_value_counts *>(nullptr), [&] {
        auto *counts = new xs_value_counts{Xapian::ValueCountMatchSpy(slot)};
        try {
            enquire->enquire.add_matchspy(&counts->spy);
        } catch (...) {
            delete counts;
            throw;
        }
        return counts;
    });
}

int xs_enquire_eset(xs_enquire *enquire, const uint32_t *docids, size_t count, uint32_t max_terms,
                    const char *skip, size_t skip_len, char **terms, size_t *terms_len, xs_error **error) {
    return guarded(error, -1, [&] {
        Xapian::RSet rset;
        for (size_t i = 0; i < count; ++i) rset.add_document(docids[i]);
        WordExpandDecider decider(skip, skip_len);
        Xapian::ESet eset = enquire->enquire.get_eset(max_terms, rset, &decider);
        std::string joined;
        for (Xapian::ESetIterator it = eset.begin(); it != eset.end(); ++it) {
            if (!joined.empty()) joined += '\0';
            joined += *it;
        }
        return hand_over(joined, terms, terms_len);
    });
}

void xs_value_counts_free(xs_value_counts *counts) {
    guarded(nullptr, 0, [&] { delete counts; return 0; });
}

int xs_value_counts_total(const xs_value_counts *counts, uint32_t *total, xs_error **error) {
    return guarded(error, -1, [&] { *total = static_cast<uint32_t>(counts->spy.get_total()); return 0; });
}

xs_termlist *xs_value_counts_values(const xs_value_counts *counts, xs_error **error) {
    return guarded(error, static_cast<xs_termlist *>(nullptr), [&] {
        auto *list = new xs_termlist();
        list->it = counts->spy.values_begin();
        list->end = counts->spy.values_end();
        return list;
    });
}

void xs_mset_free(xs_mset *mset) {
    guarded(nullptr, 0, [&] { delete mset; return 0; });
}

int xs_mset_size(const xs_mset *mset, uint32_t *size, xs_error **error) {
    return guarded(error, -1, [&] {
        *size = mset->mset.size();
        return 0;
    });
}

int xs_mset_counts(const xs_mset *mset, uint32_t *lower, uint32_t *estimated, uint32_t *upper, xs_error **error) {
    return guarded(error, -1, [&] {
        *lower = mset->mset.get_matches_lower_bound();
        *estimated = mset->mset.get_matches_estimated();
        *upper = mset->mset.get_matches_upper_bound();
        return 0;
    });
}

int xs_mset_uncollapsed_counts(const xs_mset *mset, uint32_t *lower, uint32_t *estimated, uint32_t *upper, xs_error **error) {
    return guarded(error, -1, [&] {
        *lower = mset->mset.get_uncollapsed_matches_lower_bound();
        *estimated = mset->mset.get_uncollapsed_matches_estimated();
        *upper = mset->mset.get_uncollapsed_matches_upper_bound();
        return 0;
    });
}

int xs_mset_item(const xs_mset *mset, uint32_t index, uint32_t *docid, double *weight, xs_error **error) {
    return guarded(error, -1, [&] {
        if (index >= mset->mset.size()) throw Xapian::RangeError("MSet index out of range");
        Xapian::MSetIterator it = mset->mset[index];
        *docid = *it;
        *weight = it.get_weight();
        return 0;
    });
}

xs_document *xs_mset_document(const xs_mset *mset, uint32_t index, xs_error **error) {
    return guarded(error, static_cast<xs_document *>(nullptr), [&] {
        if (index >= mset->mset.size()) throw Xapian::RangeError("MSet index out of range");
        return new xs_document{mset->mset[index].get_document()};
    });
}

}  // extern "C"
