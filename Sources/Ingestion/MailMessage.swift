import CMailParsing

/// An e-mail message as GMime (through CMailParsing) reads it: its decoded headers and its leaf
/// parts, text decoded to UTF-8 and attachments to their bytes. Nothing of GMime outlives the
/// call that parsed it.
struct MailMessage {
    /// A leaf part: inline text, or an attachment.
    enum Part {
        case plain(String)
        case html(String)
        case attachment(name: String?, mimeType: String?, bytes: [UInt8])
    }

    var subject: String?
    /// The first sender's display name, else their address.
    var author: String?
    /// The Date header as `YYYY-MM-DD`.
    var date: String?
    var messageID: String?
    var parts: [Part]
    /// Parts were left out: nested deeper than `maximumDepth` or more than `maximumParts`.
    var truncated: Bool

    /// How deep multiparts may nest before the parts inside are left out.
    static let maximumDepth: Int32 = 16
    /// How many leaf parts of one message are read.
    static let maximumParts = 100

    /// Whether GMime found any header a message has (a file of other bytes parses as a message
    /// without headers).
    var hasHeaders: Bool { subject != nil || author != nil || date != nil || messageID != nil }

    /// One message (an .eml file), or nil when GMime finds none.
    static func parse(_ bytes: [UInt8]) -> MailMessage? {
        let parsed = bytes.withUnsafeBufferPointer { buffer in
            mp_message_parse(buffer.baseAddress, buffer.count, maximumDepth, maximumParts)
        }
        guard let parsed else { return nil }
        defer { mp_message_free(parsed) }
        return MailMessage(parsed.pointee)
    }

    private init(_ message: mp_message) {
        func string(_ pointer: UnsafeMutablePointer<CChar>?) -> String? {
            pointer.map { String(cString: $0) }
        }
        subject = string(message.subject)
        author = string(message.author)
        date = string(message.date)
        messageID = string(message.message_id)
        truncated = message.truncated != 0
        parts = UnsafeBufferPointer(start: message.parts, count: message.part_count).map { part in
            let bytes = Array(UnsafeBufferPointer(start: part.bytes, count: part.length))
            switch part.kind {
            case mp_part_plain: return .plain(String(decoding: bytes, as: UTF8.self))
            case mp_part_html: return .html(String(decoding: bytes, as: UTF8.self))
            default: return .attachment(name: string(part.filename), mimeType: string(part.mime_type), bytes: bytes)
            }
        }
    }

    /// The messages of an mbox, read one at a time (each parsed message is copied out and
    /// GMime's freed before the next is read).
    struct Mailbox: Sequence, IteratorProtocol {
        private let handle: Handle

        init(_ bytes: [UInt8]) {
            handle = Handle(bytes)
        }

        /// The next message, or nil at the end.
        mutating func next() -> MailMessage? {
            guard let pointer = handle.pointer, let parsed = mp_mailbox_next(pointer, maximumDepth, maximumParts) else { return nil }
            defer { mp_message_free(parsed) }
            return MailMessage(parsed.pointee)
        }

        /// Owns the C mailbox, closed when the last copy of the sequence goes.
        private final class Handle {
            let pointer: OpaquePointer?

            init(_ bytes: [UInt8]) {
                pointer = bytes.withUnsafeBufferPointer { mp_mailbox_open($0.baseAddress, $0.count) }
            }

            deinit { mp_mailbox_close(pointer) }
        }
    }
}
