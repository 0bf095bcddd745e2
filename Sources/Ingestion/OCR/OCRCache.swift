import Crypto
import Foundation

/// Text that OCR recognised, kept by content: a file under the cache folder named by the SHA-256
/// of the scanned file's bytes, the page and the language (`ab/ab12…-p2-dan.txt`). The same bytes
/// give the same text, so an unchanged file, a rebuilt index and a moved or renamed file are not
/// read with OCR again. Entries are written atomically (a temporary file renamed into place), so
/// a run killed mid-write leaves no half entry. The folder carries a `CACHEDIR.TAG`, which tells
/// backup tools, and peersearch's own folder walk, that it holds only a cache.
struct OCRCache {
    let folder: String

    /// The standard cache directory tag (https://bford.info/cachedir/).
    static let tagName = "CACHEDIR.TAG"
    private static let tag = "Signature: 8a477f597d28d172789f06886806bc55\n# peersearch's OCR cache: text recognised in scanned pages and images.\n"

    /// The key of a file's bytes.
    static func key(of bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }

    /// The cached text of page `page` (nil: the whole file, an image) of the file with `key`.
    func text(key: String, page: Int?) -> String? {
        guard let data = FileManager.default.contents(atPath: path(key: key, page: page)) else { return nil }
        return String(validating: Array(data), as: UTF8.self)
    }

    /// Keeps `text` for page `page` of the file with `key`. A cache that cannot be written is
    /// no reason to lose the text: the next run reads the page again.
    func store(_ text: String, key: String, page: Int?) {
        let target = path(key: key, page: page)
        let subfolder = (target as NSString).deletingLastPathComponent
        let temporary = subfolder + "/.\(UUID().uuidString).tmp"
        do {
            if !FileManager.default.fileExists(atPath: folder + "/" + Self.tagName) {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                try Data(Self.tag.utf8).write(to: URL(fileURLWithPath: folder + "/" + Self.tagName), options: .atomic)
            }
            try FileManager.default.createDirectory(atPath: subfolder, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: temporary))
            guard rename(temporary, target) == 0 else { throw CocoaError(.fileWriteUnknown) }
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
        }
    }

    private func path(key: String, page: Int?) -> String {
        "\(folder)/\(key.prefix(2))/\(key)\(page.map { "-p\($0)" } ?? "")-\(OCRSettings.language).txt"
    }
}
