import Foundation
import Ingestion

/// How articles are laid out in the Xapian index. Prefixes follow omega's conventions, so
/// `xapian-delve` and `quest` read the index as they read omindex's.
///
/// | prefix | holds | positional |
/// |---|---|---|
/// | (none) | body and title words, lowercased and folded (`vaerdi`) | yes |
/// | `Z` | Danish stems of those words | no |
/// | `S` | title words | yes |
/// | `ZS` | Danish stems of title words | no |
/// | `XPART` | Danish stems of the parts of closed compounds (`socialpsykiatrien` → `psykiatri`) | no |
/// | `A` | author words | yes |
/// | `XSOURCE` | source words | yes |
/// | `Q` | unique id: the absolute path (`mail.mbox#3` for a part of a file) | boolean |
/// | `XFILE` | the file a part of a file comes from (every part of an mbox, an e-mail) | boolean |
/// | `XMESSAGEID` | an e-mail's Message-ID | boolean |
/// | `XDUP` | the duplicate key (as value slot 8), to find an article's duplicates | boolean |
/// | `E` | file extension | boolean |
/// | `T` | MIME type | boolean |
/// | `D` / `M` / `Y` | date as YYYYMMDD / YYYYMM / YYYY | boolean |
///
/// The synonym table maps each compound in the index to its parts, separated by a space
/// (`peermedarbejder` → `peer medarbejder`), so a query for the closed form finds the split one.
public enum TermScheme {
    public static let stemPrefix = "Z"
    public static let titlePrefix = "S"
    public static let titleStemPrefix = "ZS"
    public static let compoundPartPrefix = "XPART"
    public static let authorPrefix = "A"
    public static let sourcePrefix = "XSOURCE"
    public static let uniqueIDPrefix = "Q"
    public static let filePrefix = "XFILE"
    public static let messageIDPrefix = "XMESSAGEID"
    public static let duplicatePrefix = "XDUP"
    public static let extensionPrefix = "E"
    public static let mimeTypePrefix = "T"
    public static let dayPrefix = "D"
    public static let monthPrefix = "M"
    public static let yearPrefix = "Y"

    /// Value slots.
    public enum Slot {
        /// `size:mtime` of the file when indexed, to skip unchanged files quickly.
        public static let fileStamp: UInt32 = 0
        /// The date as `YYYYMMDD` (missing parts as 00), for sorting and ranges.
        public static let date: UInt32 = 1
        /// A hash of the file's bytes, to skip files that were touched but not changed.
        public static let contentHash: UInt32 = 2
        /// The author, source, format (`pdf`) and folder (the file's parent folder) as stored,
        /// counted for facets and matched whole by `author=` … filters. Indexes written before
        /// these slots existed have no values there.
        public static let author: UInt32 = 3
        public static let source: UInt32 = 4
        public static let format: UInt32 = 5
        public static let folder: UInt32 = 6
        /// For a part of a file that holds several articles (see `ContainerReader`): how many
        /// the file had when indexed, so a run killed while storing them is not taken as done.
        public static let fileParts: UInt32 = 7
        /// The article's `duplicateKey` (hex): the same for byte-identical articles, never for
        /// two articles of one file. Searches collapse on it, so duplicates show once. Indexes
        /// written before this slot existed have no values there, and are not collapsed.
        public static let duplicateKey: UInt32 = 8
    }

    /// Title words count this many times over body words when ranking.
    public static let titleWeight: UInt32 = 3
    /// Positions left empty between the title and the body, so no phrase spans both.
    public static let fieldGap = 100

    /// Xapian terms are limited to 245 bytes; long paths are shortened and made unique by a hash.
    public static func uniqueIDTerm(path: String) -> String {
        boundedTerm(uniqueIDPrefix, path)
    }

    /// The term every part of the file at `path` carries (see `ContainerReader`), by which an
    /// index run finds a file's parts.
    public static func fileTerm(path: String) -> String {
        boundedTerm(filePrefix, path)
    }

    /// The term every article with duplicate key `key` (slot `duplicateKey`'s value) carries.
    public static func duplicateTerm(key: String) -> String {
        duplicatePrefix + key
    }

    /// `prefix` and `value`, shortened with a hash of `value` when longer than Xapian takes.
    static func boundedTerm(_ prefix: String, _ value: String) -> String {
        let term = prefix + value
        guard term.utf8.count > 240 else { return term }
        let hash = String(format: "%016llx", ContentHash.of(Array(value.utf8)))
        var shortened = ""
        for character in value {
            if shortened.utf8.count + character.utf8.count > 200 { break }
            shortened.append(character)
        }
        return prefix + shortened + "#" + hash
    }
}
