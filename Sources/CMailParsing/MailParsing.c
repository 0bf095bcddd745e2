// E-mail read with GMime 3: a message (or each message of an mbox) parsed from bytes, its
// headers decoded (RFC 2047 words, charsets), its leaf parts walked with a depth and count limit,
// text parts decoded to UTF-8 and attachments to their bytes, all copied into plain malloc'ed
// structs so that every GMime object is released here, before Swift sees the result.
#include "CMailParsing.h"

#include <gmime/gmime.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

static pthread_once_t initialised = PTHREAD_ONCE_INIT;

static void initialise(void) { g_mime_init(); }

struct mp_mailbox {
    GMimeStream *stream;
    GMimeParser *parser;
};

typedef struct {
    mp_message *message;
    size_t capacity;
    int max_depth;
    size_t max_parts;
} walk_state;

static char *copy_string(const char *text) {
    return text ? strdup(text) : NULL;
}

/// Appends a part; takes ownership of `bytes` (malloc'ed). False when the part limit is reached.
static int append_part(walk_state *state, mp_part_kind kind, const char *filename, const char *mime_type,
                       uint8_t *bytes, size_t length) {
    mp_message *message = state->message;
    if (message->part_count >= state->max_parts) {
        message->truncated = 1;
        free(bytes);
        return 0;
    }
    if (message->part_count == state->capacity) {
        size_t capacity = state->capacity ? state->capacity * 2 : 4;
        mp_part *grown = realloc(message->parts, capacity * sizeof(mp_part));
        if (!grown) {
            free(bytes);
            return 0;
        }
        message->parts = grown;
        state->capacity = capacity;
    }
    mp_part *part = &message->parts[message->part_count++];
    part->kind = kind;
    part->filename = copy_string(filename);
    part->mime_type = copy_string(mime_type);
    part->bytes = bytes;
    part->length = length;
    return 1;
}

/// The bytes a memory stream holds, copied (malloc'ed); the stream is released.
static uint8_t *take_stream_bytes(GMimeStream *stream, size_t *length) {
    GByteArray *array = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(stream));
    *length = array ? array->len : 0;
    uint8_t *bytes = malloc(*length ? *length : 1);
    if (bytes && *length) memcpy(bytes, array->data, *length);
    g_object_unref(stream);
    return bytes;
}

static void walk(GMimeObject *object, int depth, walk_state *state);

static void walk_part(GMimePart *part, walk_state *state) {
    GMimeObject *object = GMIME_OBJECT(part);
    GMimeContentType *type = g_mime_object_get_content_type(object);
    char *mime_type = type ? g_mime_content_type_get_mime_type(type) : NULL;
    const char *filename = g_mime_part_get_filename(part);
    int is_text = GMIME_IS_TEXT_PART(part) && !g_mime_part_is_attachment(part) && !filename;
    int plain = is_text && g_mime_content_type_is_type(type, "text", "plain");
    int html = is_text && g_mime_content_type_is_type(type, "text", "html");
    if (plain || html) {
        char *text = g_mime_text_part_get_text(GMIME_TEXT_PART(part));
        size_t length = text ? strlen(text) : 0;
        uint8_t *bytes = malloc(length ? length : 1);
        if (bytes && length) memcpy(bytes, text, length);
        g_free(text);
        if (bytes) append_part(state, plain ? mp_part_plain : mp_part_html, NULL, mime_type, bytes, length);
    } else {
        GMimeDataWrapper *content = g_mime_part_get_content(part);
        GMimeStream *stream = g_mime_stream_mem_new();
        if (content) g_mime_data_wrapper_write_to_stream(content, stream);
        size_t length = 0;
        uint8_t *bytes = take_stream_bytes(stream, &length);
        if (bytes) append_part(state, mp_part_attachment, filename, mime_type, bytes, length);
    }
    g_free(mime_type);
}

static void walk(GMimeObject *object, int depth, walk_state *state) {
    if (!object || state->message->part_count >= state->max_parts) return;
    if (depth > state->max_depth) {
        state->message->truncated = 1;
        return;
    }
    if (GMIME_IS_MULTIPART(object)) {
        GMimeMultipart *multipart = GMIME_MULTIPART(object);
        int count = g_mime_multipart_get_count(multipart);
        for (int index = 0; index < count; index++) walk(g_mime_multipart_get_part(multipart, index), depth + 1, state);
    } else if (GMIME_IS_MESSAGE_PART(object)) {
        // A forwarded message is an attachment: the reader reads it as an .eml of its own.
        GMimeMessage *inner = g_mime_message_part_get_message(GMIME_MESSAGE_PART(object));
        if (!inner) return;
        GMimeStream *stream = g_mime_stream_mem_new();
        g_mime_object_write_to_stream(GMIME_OBJECT(inner), NULL, stream);
        size_t length = 0;
        uint8_t *bytes = take_stream_bytes(stream, &length);
        const char *filename = g_mime_object_get_content_disposition_parameter(object, "filename");
        if (bytes) append_part(state, mp_part_attachment, filename, "message/rfc822", bytes, length);
    } else if (GMIME_IS_PART(object)) {
        walk_part(GMIME_PART(object), state);
    }
}

/// Copies what peersearch needs out of a parsed message (which the caller still owns).
static mp_message *convert(GMimeMessage *parsed, int max_depth, size_t max_parts) {
    mp_message *message = calloc(1, sizeof(mp_message));
    if (!message) return NULL;
    message->subject = copy_string(g_mime_message_get_subject(parsed));
    message->message_id = copy_string(g_mime_message_get_message_id(parsed));
    InternetAddressList *from = g_mime_message_get_from(parsed);
    if (from && internet_address_list_length(from) > 0) {
        InternetAddress *address = internet_address_list_get_address(from, 0);
        const char *name = internet_address_get_name(address);
        if (name && *name) {
            message->author = copy_string(name);
        } else if (INTERNET_ADDRESS_IS_MAILBOX(address)) {
            message->author = copy_string(internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(address)));
        }
    }
    GDateTime *date = g_mime_message_get_date(parsed);
    if (date) {
        gchar *formatted = g_date_time_format(date, "%Y-%m-%d");
        message->date = copy_string(formatted);
        g_free(formatted);
    }
    walk_state state = { message, 0, max_depth, max_parts };
    walk(g_mime_message_get_mime_part(parsed), 0, &state);
    return message;
}

mp_message *mp_message_parse(const uint8_t *bytes, size_t length, int max_depth, size_t max_parts) {
    pthread_once(&initialised, initialise);
    GMimeStream *stream = g_mime_stream_mem_new_with_buffer((const char *)bytes, length);
    GMimeParser *parser = g_mime_parser_new_with_stream(stream);
    g_object_unref(stream);
    g_mime_parser_set_format(parser, GMIME_FORMAT_MESSAGE);
    GMimeMessage *parsed = g_mime_parser_construct_message(parser, NULL);
    g_object_unref(parser);
    if (!parsed) return NULL;
    mp_message *message = convert(parsed, max_depth, max_parts);
    g_object_unref(parsed);
    return message;
}

void mp_message_free(mp_message *message) {
    if (!message) return;
    for (size_t index = 0; index < message->part_count; index++) {
        free(message->parts[index].filename);
        free(message->parts[index].mime_type);
        free(message->parts[index].bytes);
    }
    free(message->parts);
    free(message->subject);
    free(message->author);
    free(message->date);
    free(message->message_id);
    free(message);
}

mp_mailbox *mp_mailbox_open(const uint8_t *bytes, size_t length) {
    pthread_once(&initialised, initialise);
    mp_mailbox *mailbox = calloc(1, sizeof(mp_mailbox));
    if (!mailbox) return NULL;
    mailbox->stream = g_mime_stream_mem_new_with_buffer((const char *)bytes, length);
    mailbox->parser = g_mime_parser_new_with_stream(mailbox->stream);
    g_mime_parser_set_format(mailbox->parser, GMIME_FORMAT_MBOX);
    return mailbox;
}

mp_message *mp_mailbox_next(mp_mailbox *mailbox, int max_depth, size_t max_parts) {
    if (g_mime_parser_eos(mailbox->parser)) return NULL;
    GMimeMessage *parsed = g_mime_parser_construct_message(mailbox->parser, NULL);
    if (!parsed) return NULL;
    mp_message *message = convert(parsed, max_depth, max_parts);
    g_object_unref(parsed);
    return message;
}

void mp_mailbox_close(mp_mailbox *mailbox) {
    if (!mailbox) return;
    g_object_unref(mailbox->parser);
    g_object_unref(mailbox->stream);
    free(mailbox);
}
