import Foundation

/// Reads a PDF with poppler's `pdftotext` (text in reading order, pages separated by form feeds)
/// and `pdfinfo` (Title, Author, CreationDate), as omindex and Recoll do. Pages without a text
/// layer (scans) are read with OCR (`ScannedPages`), in their place. An encrypted PDF with an
/// owner password only opens without a password and is read; one that needs a password to open
/// is refused as such.
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
        do {
            return try input.withFile { path throws(IngestionError) in
                let extracted = try extractText(path: path)
                var scan = ScannedPages(text: extracted)
                scan.recognize(pdf: path, bytes: input.bytes, settings: input.ocr)
                let text = scan.recognized.isEmpty ? extracted : scan.text
                guard text.contains(where: { $0.isLetter || $0.isNumber }) else {
                    throw scan.emptyReason ?? .extractionFailed("PDF has no extractable text (scanned images?)")
                }
                return ExtractedText(metadata: metadata(path: path, text: text), text: text, pageLines: Self.pageLines(of: text),
                                     notes: scan.notes, ocrPages: scan.recognized)
            }
        } catch .extractionFailed(Self.unopenable) where input.bytes.firstRange(of: Self.encryptionKey) != nil {
            // An encrypted PDF opens without a password when only an owner password is set (it
            // is read); one that does not open needs the user's password.
            throw .extractionFailed("encrypted PDF (password required)")
        }
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

    /// pdftotext's text of the PDF at `path`.
    private func extractText(path: String) throws(IngestionError) -> String {
        let extraction = try ExternalTool.run("pdftotext", ["-enc", "UTF-8", "-eol", "unix", "-q", path, "-"], package: "poppler-utils",
                                                timeout: Self.timeout)
        guard extraction.status == 0 else {
            switch extraction.status {
            case 1: throw .extractionFailed(Self.unopenable)
            case 3: throw .extractionFailed("PDF does not permit text extraction")
            default: throw .extractionFailed("pdftotext failed (exit \(extraction.status))")
            }
        }
        return TextDecoding.normalized(String(decoding: extraction.output, as: UTF8.self))
    }

    /// The PDF's title, author and date from pdfinfo; the title falls back on the first line.
    private func metadata(path: String, text: String) -> ArticleMetadata {
        let info = (try? ExternalTool.run("pdfinfo", ["-enc", "UTF-8", "-isodates", path], package: "poppler-utils", timeout: 30))
            .map { String(decoding: $0.output, as: UTF8.self) } ?? ""
        let fields = Self.infoFields(info)
        return ArticleMetadata(
            title: MetadataText.nonEmpty(fields["Title"]) ?? MetadataText.nonEmpty(text.split(separator: "\n").first) ?? "",
            author: MetadataText.nonEmpty(fields["Author"]),
            source: nil,
            date: fields["CreationDate"].flatMap(DateNormalizer.normalize))
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
