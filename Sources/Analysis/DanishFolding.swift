/// Folds a lowercase word to the spelling used for index terms, so that the ways Danes type
/// the same word meet: æ/ø/å become ae/oe/aa (as typed without those keys), Swedish and German
/// ä/ö become ae/oe, and other accents are dropped (`idé` → `ide`).
/// `værdi` and `vaerdi` both fold to `vaerdi`; `Århus` and `Aarhus` both to `aarhus`.
public enum DanishFolding {
    public static func fold(_ word: String) -> String {
        if word.utf8.allSatisfy({ $0 < 0x80 }) { return word }
        var folded = String.UnicodeScalarView()
        for scalar in word.unicodeScalars {
            append(scalar, to: &folded)
        }
        return String(folded)
    }

    /// `fold(word.lowercased())`, without Unicode case mapping for the letters Danish words are
    /// made of.
    public static func foldLowercased(_ word: some StringProtocol) -> String {
        var builder = FoldedTermBuilder()
        for scalar in word.unicodeScalars { builder.append(scalar) }
        return builder.folded ?? fold(String(word).lowercased())
    }

    private static func append(_ scalar: Unicode.Scalar, to folded: inout String.UnicodeScalarView) {
        switch scalar {
        case "æ", "ä": folded.append(contentsOf: "ae".unicodeScalars)
        case "ø", "ö": folded.append(contentsOf: "oe".unicodeScalars)
        case "å": folded.append(contentsOf: "aa".unicodeScalars)
        case "ß": folded.append(contentsOf: "ss".unicodeScalars)
        case "œ": folded.append(contentsOf: "oe".unicodeScalars)
        case _ where scalar.isASCII:
            folded.append(scalar)
        default:
            // Other accented letters: keep the base letter, drop the combining marks.
            for part in String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars where !isCombiningMark(part) {
                folded.append(part)
            }
        }
    }

    static func isCombiningMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: true
        default: false
        }
    }
}

/// Builds words' index terms byte by byte for the letters Danish text is made of (ASCII and
/// æ ø å ä ö é è ü in either case), giving what `DanishFolding.fold(word.lowercased())` gives
/// without going through Unicode case mapping; any other letter leaves `folded` nil.
struct FoldedTermBuilder {
    private var bytes: [UInt8] = []
    private var known = true

    /// Starts a new word, keeping the buffer.
    mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
        known = true
    }

    mutating func append(_ scalar: Unicode.Scalar) {
        guard known else { return }
        if scalar.value < 0x80 {
            appendASCII(UInt8(scalar.value))
        } else {
            appendLatin1(scalar.value)
        }
    }

    /// Appends a word given as UTF-8 bytes.
    mutating func append(utf8 word: UnsafeRawBufferPointer) {
        var index = 0
        while index < word.count, known {
            let byte = word[index]
            if byte < 0x80 {
                appendASCII(byte)
                index += 1
            } else if byte == 0xC3, index + 1 < word.count {
                // U+00C0…U+00FF, in two bytes
                appendLatin1(0xC0 + UInt32(word[index + 1] & 0x3F))
                index += 2
            } else {
                known = false
            }
        }
    }

    private mutating func appendASCII(_ byte: UInt8) {
        bytes.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
    }

    private mutating func appendLatin1(_ value: UInt32) {
        switch value {
        case 0xE6, 0xC6, 0xE4, 0xC4: bytes.append(0x61); bytes.append(0x65)  // æ Æ ä Ä → ae
        case 0xF8, 0xD8, 0xF6, 0xD6: bytes.append(0x6F); bytes.append(0x65)  // ø Ø ö Ö → oe
        case 0xE5, 0xC5: bytes.append(0x61); bytes.append(0x61)              // å Å → aa
        case 0xE9, 0xC9, 0xE8, 0xC8: bytes.append(0x65)                      // é É è È → e
        case 0xFC, 0xDC: bytes.append(0x75)                                  // ü Ü → u
        default: known = false
        }
    }

    /// The term, or nil when the word has a letter this builder does not know.
    var folded: String? {
        known ? String(decoding: bytes, as: UTF8.self) : nil
    }
}
