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
