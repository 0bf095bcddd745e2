// E-mail messages read with GMime, behind a few plain C functions and structs: Swift never sees a
// GObject, and every GMime object is released inside MailParsing.c.
#ifndef CMAILPARSING_H
#define CMAILPARSING_H

#include <stddef.h>
#include <stdint.h>

/// What a leaf part of a message is.
typedef enum {
    /// Inline text/plain, its text decoded (transfer encoding and charset) to UTF-8.
    mp_part_plain = 0,
    /// Inline text/html, its text decoded to UTF-8.
    mp_part_html = 1,
    /// An attachment (or a forwarded message/rfc822): its name and its decoded bytes.
    mp_part_attachment = 2,
} mp_part_kind;

typedef struct {
    mp_part_kind kind;
    /// The attachment's file name (UTF-8, RFC 2231/2047 decoded), or NULL.
    char *filename;
    /// The part's MIME type, e.g. "application/pdf".
    char *mime_type;
    /// Text (UTF-8, no NUL) or attachment bytes.
    uint8_t *bytes;
    size_t length;
} mp_part;

/// One message: decoded headers (UTF-8, NULL when absent) and its leaf parts in order.
typedef struct {
    char *subject;
    /// The first From address's display name, else its address.
    char *author;
    /// The Date header as YYYY-MM-DD (in the sender's time zone).
    char *date;
    char *message_id;
    mp_part *parts;
    size_t part_count;
    /// Set when parts were left out: nested deeper than the limit, or more parts than the limit.
    int truncated;
} mp_message;

/// Parses one message (an .eml file) from `length` bytes. Returns NULL when GMime finds no
/// message. Parts nested deeper than `max_depth` and parts past `max_parts` are left out (and
/// `truncated` set). Free the result with `mp_message_free`.
mp_message *mp_message_parse(const uint8_t *bytes, size_t length, int max_depth, size_t max_parts);

void mp_message_free(mp_message *message);

typedef struct mp_mailbox mp_mailbox;

/// Opens an mbox held in `length` bytes (copied) for reading message by message.
mp_mailbox *mp_mailbox_open(const uint8_t *bytes, size_t length);

/// The next message of the mailbox, or NULL at its end (or where GMime finds no more "From "
/// separated messages).
mp_message *mp_mailbox_next(mp_mailbox *mailbox, int max_depth, size_t max_parts);

void mp_mailbox_close(mp_mailbox *mailbox);

#endif
