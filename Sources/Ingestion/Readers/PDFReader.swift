import Foundation

/// Reads a PDF with poppler's `pdftotext` (text in reading order, pages separated by form feeds)
/// and `pdfinfo` (Title, Author, CreationDate), as omindex and Recoll do. An encrypted PDF with
/// an owner password only opens without a password and is read; one that needs a password to
/// open is refused as such.
struct PDFReader: ArticleReader {
    /// A PDF that takes longer than this to extract is skipped.
    static let timeout: TimeInterval = 120

    var format: ArticleFormat { .pdf }
    var extensions: [String] { ["pdf"] }
    var signatures: [[UInt8]] { [Self.signature] }

    private static let signature = Array("%PDF".utf8)
    /// The trailer key of an encrypted PDF.
    private static let encryptionKey = Array("/Encrypt".utf8)
    private static let unopenable = "broken or password-protected PDF (pdftotext could not open it)"

    func read(_ input: ReaderInput) throws(IngestionError) -> ExtractedText {
        if !input.bytes.starts(with: Self.signature) { throw .extractionFailed("not a PDF file (no %PDF header)") }
        let (metadata, text): (ArticleMetadata, String)
        do {
            (metadata, text) = try input.withFile { path throws(IngestionError) in try read(path: path) }
        } catch .extractionFailed(Self.unopenable) where input.bytes.firstRange(of: Self.encryptionKey) != nil {
            // An encrypted PDF opens without a password when only an owner password is set (it
            // is read); one that does not open needs the user's password.
            throw .extractionFailed("encrypted PDF (password required)")
        }
        return ExtractedText(metadata: metadata, text: text, pageLines: Self.pageLines(of: text))
    }

    /// The 1-based line each page starts on: pdftotext ends every page with a form feed.
    static func pageLines(of text: String) -> [Int] {
        var starts = [1]
        var line = 1
        var pageEnded = false
        for byte in text.utf8 {
            if pageEnded {
                starts.append(line)
                pageEnded = false
            }
            if byte == 0x0C { pageEnded = true } else if byte == 0x0A { line += 1 }
        }
        return starts
    }

    private func read(path: String) throws(IngestionError) -> (metadata: ArticleMetadata, text: String) {
        let extraction = try ExternalTool.run("pdftotext", ["-enc", "UTF-8", "-eol", "unix", "-q", path, "-"], package: "poppler-utils",
                                                timeout: Self.timeout)
        guard extraction.status == 0 else {
            switch extraction.status {
            case 1: throw .extractionFailed(Self.unopenable)
            case 3: throw .extractionFailed("PDF does not permit text extraction")
            default: throw .extractionFailed("pdftotext failed (exit \(extraction.status))")
            }
        }
        let text = TextDecoding.normalized(String(decoding: extraction.output, as: UTF8.self))
        guard text.contains(where: { $0.isLetter || $0.isNumber }) else {
            throw .extractionFailed("PDF has no extractable text (scanned images?)")
        }
        let info = (try? ExternalTool.run("pdfinfo", ["-enc", "UTF-8", "-isodates", path], package: "poppler-utils", timeout: 30))
            .map { String(decoding: $0.output, as: UTF8.self) } ?? ""
        let fields = Self.infoFields(info)
        let metadata = ArticleMetadata(
            title: MetadataText.nonEmpty(fields["Title"]) ?? MetadataText.nonEmpty(text.split(separator: "\n").first) ?? "",
            author: MetadataText.nonEmpty(fields["Author"]),
            source: nil,
            date: fields["CreationDate"].flatMap(DateNormalizer.normalize))
        return (metadata, text)
    }

    /// `Key:   value` lines of pdfinfo's output.
    static func infoFields(_ info: String) -> [String: String] {
        var fields: [String: String] = [:]
        for line in info.split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            fields[String(line[..<colon])] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return fields
    }
}
