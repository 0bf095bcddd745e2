import Foundation

/// Reads an EPUB e-book: the (X)HTML documents of its spine, the reading order, each through the
/// HTML reader's extraction (one line per block, blank lines left out), one after the other, so
/// each chapter starts on a line of its own. Title, author, publisher (as source) and date come from the package
/// document (the OPF), found through `META-INF/container.xml`. The zip is read bounded (see
/// `ZipArchive`: everything unpacked, spine documents read twice included, stays within the size
/// limit), the XML without network or external entities (see `OfficeXMLDocument`). Spine items
/// that are not in the zip are left out with a note; spine items that are no HTML (an SVG cover)
/// are no text and left out.
struct EPUBReader: ZipPackageReader {
    /// An e-book whose spine lists more documents than this is refused.
    static let maximumSpineItems = 10_000

    var format: ArticleFormat { .epub }
    var extensions: [String] { ["epub"] }

    private static let mimeType = "application/epub+zip"
    private static let container = "urn:oasis:names:tc:opendocument:xmlns:container"
    private static let package = "http://www.idpf.org/2007/opf"
    private static let documentTypes: Set<String> = ["application/xhtml+xml", "text/html"]

    /// A stored first entry `mimetype` holding `application/epub+zip`, as the EPUB specification
    /// requires.
    func looksLike(_ prefix: ArraySlice<UInt8>) -> Bool {
        ZipPackage.storedMimeType(prefix) == Self.mimeType
    }

    func recognises(_ package: ZipArchive) throws(IngestionError) -> Bool {
        try ZipPackage.mimeType(of: package) == Self.mimeType
    }

    func read(_ input: ReaderInput) throws(IngestionError) -> ExtractedText {
        let archive = try ZipArchive(input.bytes, maximumBytes: input.maximumBytes)
        if let declared = try ZipPackage.mimeType(of: archive), declared != Self.mimeType {
            throw .extractionFailed("not an EPUB (its mimetype is \(declared))")
        }
        guard let containerBytes = try archive.read("META-INF/container.xml") else {
            throw .extractionFailed("not an EPUB (no META-INF/container.xml in the zip)")
        }
        let rootFiles = try OfficeXMLDocument(containerBytes, part: "META-INF/container.xml")
            .attributes(of: .init(Self.container, "rootfile"))
        guard let packagePath = rootFiles.lazy.compactMap({ $0["full-path"] }).first,
              let packageBytes = try archive.read(packagePath) else {
            throw .extractionFailed("not an EPUB (META-INF/container.xml names no package document in the zip)")
        }
        let opf = try OfficeXMLDocument(packageBytes, part: packagePath)
        var manifest: [String: (href: String, mediaType: String)] = [:]
        for item in opf.attributes(of: .init(Self.package, "item")) {
            guard let id = item["id"], let href = item["href"] else { continue }
            manifest[id] = (href, item["media-type"] ?? "")
        }
        let spine = opf.attributes(of: .init(Self.package, "itemref")).compactMap { $0["idref"] }
        guard spine.count <= Self.maximumSpineItems else {
            throw .extractionFailed("EPUB spine lists \(spine.count) documents (the limit is \(Self.maximumSpineItems))")
        }
        let folder = packagePath.split(separator: "/", omittingEmptySubsequences: false).dropLast().map(String.init)
        var chapters: [String] = []
        var missing: [String] = []
        for idref in spine {
            guard let item = manifest[idref] else {
                missing.append(idref)
                continue
            }
            guard Self.documentTypes.contains(item.mediaType) else { continue }
            let path = Self.resolve(item.href, in: folder)
            guard let bytes = try archive.read(path) else {
                missing.append(path)
                continue
            }
            let (html, _) = try TextDecoding.decode(bytes)
            let chapter: HTMLText
            do {
                chapter = try HTMLTextExtractor.extract(html, followSourceLines: false)
            } catch .empty {
                continue
            }
            // One line per block, as paragraphs are lines in the other document formats: the
            // blank lines of the source's layout are left out.
            let lines = chapter.text.split(separator: "\n").filter { $0.contains { !$0.isWhitespace } }
            if !lines.isEmpty { chapters.append(lines.joined(separator: "\n")) }
        }
        var notes: [String] = []
        if !missing.isEmpty {
            let named = missing.prefix(3).joined(separator: ", ") + (missing.count > 3 ? ", …" : "")
            notes.append("\(missing.count) of the EPUB's \(spine.count) spine documents are not in the zip, left out (\(named))")
        }
        let dublinCore = { (name: String) in opf.firstText(.init(OfficeXMLDocument.dublinCore, name)) }
        let metadata = ArticleMetadata(
            title: dublinCore("title") ?? MetadataText.nonEmpty(chapters.first?.split(separator: "\n").first) ?? "",
            author: dublinCore("creator"),
            source: dublinCore("publisher"),
            date: dublinCore("date").flatMap(DateNormalizer.normalize))
        return ExtractedText(metadata: metadata, text: chapters.isEmpty ? "" : chapters.joined(separator: "\n") + "\n", notes: notes)
    }

    /// The zip entry a manifest `href` names: relative to the package document's folder, with
    /// `..` and `.` resolved, percent-escapes decoded and any `#fragment` dropped.
    private static func resolve(_ href: String, in folder: [String]) -> String {
        let withoutFragment = href.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? href
        let decoded = withoutFragment.removingPercentEncoding ?? withoutFragment
        var parts = decoded.hasPrefix("/") ? [] : folder
        for part in decoded.split(separator: "/") {
            switch part {
            case ".": continue
            case "..": _ = parts.popLast()
            default: parts.append(String(part))
            }
        }
        return parts.joined(separator: "/")
    }
}
