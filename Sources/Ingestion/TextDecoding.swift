import Foundation

/// Decodes file bytes as text: UTF-8 (a few damaged bytes replaced), UTF-16 with a byte order
/// mark, and Windows-1252 as the fallback common in older Danish files.
public enum TextDecoding {
    /// Decodes `bytes`, rejecting binary data. The result is in Unicode NFC, with a note for the
    /// user when the bytes were not clean UTF-8 (nil when they were).
    public static func decode(_ bytes: [UInt8]) throws(IngestionError) -> (text: String, note: String?) {
        if let bigEndian = utf16ByteOrder(bytes[...]) {
            return try decodeUTF16(bytes.dropFirst(2), bigEndian: bigEndian)
        }
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        if looksBinary(body) { throw .binary }
        if let text = String(validating: body, as: UTF8.self) {
            return (normalized(text), nil)
        }
        let damage = utf8Damage(body)
        if damage.multiByteCharacters > 0 && damage.invalidBytes <= damage.multiByteCharacters {
            return (normalized(String(decoding: body, as: UTF8.self)),
                    "\(bytesCount(damage.invalidBytes)) not valid UTF-8, replaced by U+FFFD")
        }
        guard let text = decodeWindows1252(body) else { throw .undecodable }
        return (normalized(text), "not valid UTF-8; decoded as Windows-1252")
    }

    /// `text` in Unicode NFC. Text without combining marks or the few precomposed letters NFC
    /// replaces (Å as the ångström sign, K as the kelvin sign, …) is already NFC and is returned
    /// as it is, which spares the normaliser for nearly every Danish file. Variation selectors
    /// (U+FE0E after an emoji or a symbol, in most web pages) are marks that never compose.
    public static func normalized(_ text: String) -> String {
        let needsNormalizing = text.unicodeScalars.contains { scalar in
            let value = scalar.value
            guard value >= 0x300 else { return false }
            if (0x2126...0x212B).contains(value) || (0x1100...0x11FF).contains(value) || (0xF900...0xFAFF).contains(value)
                || (0x2F800...0x2FA1F).contains(value) || (0x0340...0x0344).contains(value) {
                return true
            }
            if (0xFE00...0xFE0F).contains(value) || (0xE0100...0xE01EF).contains(value) { return false }
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark: return true
            default: return false
            }
        }
        return needsNormalizing ? text.precomposedStringWithCanonicalMapping : text
    }

    /// The start of a file as text, to tell its format by: a UTF-16 or UTF-8 byte order mark
    /// taken into account, bad bytes replaced.
    static func leadingText(_ prefix: ArraySlice<UInt8>) -> String {
        if let bigEndian = utf16ByteOrder(prefix) {
            return String(decoding: utf16Units(prefix.dropFirst(2), bigEndian: bigEndian), as: UTF16.self)
        }
        let body = prefix.starts(with: [0xEF, 0xBB, 0xBF]) ? prefix.dropFirst(3) : prefix
        return String(decoding: body, as: UTF8.self)
    }

    /// NUL, or many control characters, in the first 8 KiB mean the file is not text (counted in
    /// code units for UTF-16 with a byte order mark, whose ASCII letters have a zero byte each).
    static func looksBinary(_ bytes: ArraySlice<UInt8>) -> Bool {
        if let bigEndian = utf16ByteOrder(bytes) {
            return looksBinary(units: utf16Units(bytes.dropFirst(2).prefix(8192), bigEndian: bigEndian))
        }
        return looksBinary(units: bytes.prefix(8192).lazy.map(UInt16.init))
    }

    private static func looksBinary(units: some Collection<UInt16>) -> Bool {
        var controls = 0
        for unit in units {
            if unit == 0 { return true }
            if unit < 0x20 && unit != 0x09 && unit != 0x0A && unit != 0x0D && unit != 0x0C && unit != 0x1B { controls += 1 }
        }
        return controls * 10 > units.count
    }

    /// How damaged UTF-8 is: its valid characters of two to four bytes, and its bytes outside
    /// valid UTF-8. Read as Windows-1252 instead, each of those characters would become two to
    /// four wrong ones, so text with at least as many of them as bad bytes loses less read as
    /// UTF-8; Windows-1252 text (æ as the one byte E6, followed by ASCII) has next to none.
    private static func utf8Damage(_ bytes: ArraySlice<UInt8>) -> (multiByteCharacters: Int, invalidBytes: Int) {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var multiByte = 0, invalid = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded): if encoded.count > 1 { multiByte += 1 }
            case .error(let length): invalid += length
            case .emptyInput: return (multiByte, invalid)
            }
        }
    }

    /// UTF-16 after its byte order mark. A lone surrogate or an odd last byte is replaced by
    /// U+FFFD (and counted in the note); more than a few such bytes that are also more than 1%
    /// of them are refused, as binary data that happens to start with FF FE, not damaged text.
    private static func decodeUTF16(_ bytes: ArraySlice<UInt8>,
                                    bigEndian: Bool) throws(IngestionError) -> (text: String, note: String?) {
        let units = utf16Units(bytes, bigEndian: bigEndian)
        if looksBinary(units: units.prefix(4096)) { throw .binary }
        var parser = Unicode.UTF16.ForwardParser()
        var iterator = units.makeIterator()
        var scalars = String.UnicodeScalarView()
        var invalidBytes = bytes.count % 2
        parsing: while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded): scalars.append(UTF16.decode(encoded))
            case .error(let length):
                scalars.append("\u{FFFD}")
                invalidBytes += 2 * length
            case .emptyInput: break parsing
            }
        }
        if bytes.count % 2 == 1 { scalars.append("\u{FFFD}") }
        guard invalidBytes <= 8 || invalidBytes * 100 <= bytes.count else {
            throw .malformedUTF16(invalidBytes: invalidBytes, bytes: bytes.count)
        }
        var note = "decoded as " + (bigEndian ? "UTF-16BE" : "UTF-16LE")
        if invalidBytes > 0 { note += "; \(bytesCount(invalidBytes)) not valid UTF-16, replaced by U+FFFD" }
        return (normalized(String(scalars)), note)
    }

    /// Whether `bytes` start with a UTF-16 byte order mark: true for big-endian (FE FF), false
    /// for little-endian (FF FE), nil for none.
    private static func utf16ByteOrder(_ bytes: ArraySlice<UInt8>) -> Bool? {
        if bytes.starts(with: [0xFE, 0xFF]) { return true }
        if bytes.starts(with: [0xFF, 0xFE]) { return false }
        return nil
    }

    /// The code units of UTF-16 bytes (an odd last byte left out).
    private static func utf16Units(_ bytes: ArraySlice<UInt8>, bigEndian: Bool) -> [UInt16] {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = bytes.startIndex
        while index + 1 < bytes.endIndex {
            let first = UInt16(bytes[index]), second = UInt16(bytes[index + 1])
            units.append(bigEndian ? first << 8 | second : second << 8 | first)
            index += 2
        }
        return units
    }

    private static func bytesCount(_ count: Int) -> String {
        count == 1 ? "1 byte" : "\(count) bytes"
    }

    /// Windows-1252; the five bytes it leaves undefined make the text undecodable.
    static func decodeWindows1252(_ bytes: ArraySlice<UInt8>) -> String? {
        var scalars = String.UnicodeScalarView()
        scalars.reserveCapacity(bytes.count)
        for byte in bytes {
            if byte >= 0x80 && byte < 0xA0 {
                let mapped = windows1252High[Int(byte) - 0x80]
                guard mapped != 0, let scalar = Unicode.Scalar(mapped) else { return nil }
                scalars.append(scalar)
            } else {
                scalars.append(Unicode.Scalar(byte))
            }
        }
        return String(scalars)
    }

    /// Code points for bytes 0x80...0x9F (0 = undefined).
    private static let windows1252High: [UInt32] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
        0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
    ]
}
