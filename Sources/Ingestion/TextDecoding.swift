import Foundation

/// Decodes file bytes as text: UTF-8 first, Windows-1252 as the fallback common in older Danish files.
public enum TextDecoding {
    public enum Encoding: String, Sendable {
        case utf8 = "UTF-8"
        case windows1252 = "Windows-1252"
    }

    /// Decodes `bytes`, rejecting binary data. The result is in Unicode NFC.
    public static func decode(_ bytes: [UInt8]) throws(IngestionError) -> (text: String, encoding: Encoding) {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        if looksBinary(body) { throw .binary }
        if let text = String(validating: body, as: UTF8.self) {
            return (normalized(text), .utf8)
        }
        guard let text = decodeWindows1252(body) else { throw .undecodable }
        return (normalized(text), .windows1252)
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

    /// NUL bytes, or many control characters, in the first 8 KiB mean the file is not text.
    static func looksBinary(_ bytes: ArraySlice<UInt8>) -> Bool {
        let sample = bytes.prefix(8192)
        var controls = 0
        for byte in sample {
            if byte == 0 { return true }
            if byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D && byte != 0x0C && byte != 0x1B { controls += 1 }
        }
        return controls * 10 > sample.count
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
