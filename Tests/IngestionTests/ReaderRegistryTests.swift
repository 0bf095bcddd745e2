import Foundation
import Ingestion
import Testing

/// The registry that picks a file's reader: by signature, by extension, by what a file without
/// an extension looks like; and the page positions a reader returns.
@Suite struct ReaderRegistryTests {
    let registry = ReaderRegistry.standard
    let files: TemporaryFolder

    init() throws {
        files = try TemporaryFolder("registry")
    }

    private func format(_ pathExtension: String, _ content: String) -> ArticleFormat? {
        registry.reader(pathExtension: pathExtension, prefix: Array(content.utf8)[...])?.format
    }

    @Test func theExtensionPicksTheReaderInAnyCase() {
        #expect(format("txt", "Om peer-støtte") == .text)
        #expect(format("MD", "# Om peer-støtte") == .markdown)
        #expect(format("htm", "<p>Om peer-støtte</p>") == .html)
        #expect(format("Pdf", "%PDF-1.4") == .pdf)
        #expect(format("xlsx", "PK\u{3}\u{4}") == nil)
        #expect(ArticleFormat(pathExtension: "XHTML") == .html)
        #expect(ArticleFormat(pathExtension: "DOCX") == .docx)
        #expect(ArticleFormat(pathExtension: "odt") == .odt)
        #expect(ArticleFormat(pathExtension: "rtf") == .rtf)
        #expect(ArticleFormat(pathExtension: "doc") == .doc)
        #expect(ArticleFormat(pathExtension: "EPUB") == .epub)
        #expect(["dotx", "docm", "dotm"].allSatisfy { ArticleFormat(pathExtension: $0) == .docx })
        #expect(ArticleFormat(pathExtension: "ott") == .odt)
        #expect(ArticleFormat(pathExtension: "xlsx") == nil)
    }

    @Test func aSignatureOutranksTheExtension() {
        // A newsletter saved as `.txt` (or `.dat`) that is really a PDF.
        #expect(format("txt", "%PDF-1.7\n%âãÏÓ") == .pdf)
        #expect(format("dat", "%PDF-1.7") == .pdf)
        #expect(format("", "%PDF-1.7") == .pdf)
    }

    @Test func aFileWithoutAnExtensionIsSniffed() {
        #expect(format("", "\u{FEFF}  <!DOCTYPE html><html><title>Peer</title>") == .html)
        #expect(format("", "<HTML><body>Peer</body></HTML>") == .html)
        #expect(format("", "Læs mig\n\nOm peer-støtte.") == .text)
        #expect(format("", "\u{7F}ELF\u{0}\u{0}\u{0}") == nil)
    }

    @Test func theLoaderReadsAMisnamedPDFAndRefusesWhatNoReaderTakes() throws {
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/peer-nyt.pdf")
        let misnamed = try files.write("nyhedsbrev.txt", Array(try Data(contentsOf: fixture)))
        let article = try ArticleLoader().load(path: misnamed)
        #expect(article.format == .pdf)
        #expect(article.metadata.title == "Peer-nyt om erfaringer")

        let noExtension = try files.write("LAESMIG", Array("Læs mig\nOm spejling.\n".utf8))
        #expect(ArticleLoader().takes(path: noExtension))
        #expect(try ArticleLoader().load(path: noExtension).format == .text)

        let spreadsheet = try files.write("budget.xlsx", [0x50, 0x4B, 0x03, 0x04, 0, 0])
        #expect(!ArticleLoader().takes(path: spreadsheet))
        #expect(throws: IngestionError.unsupportedFormat("xlsx")) { try ArticleLoader().load(path: spreadsheet) }
    }

    @Test func aPDFReaderGivesTheLineEachPageStartsOn() throws {
        let path = try files.write("to-sider.pdf", Self.pdf(pages: [["Side et om peer-støtte", "anden linje"], ["Side to om recovery"]]))
        let article = try ArticleLoader().load(path: path)
        let lines = article.text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(article.pageLines.count == 2)
        #expect(article.pageLines.first == 1)
        let second = article.pageLines[1]
        #expect(lines[second - 1].contains("Side to om recovery"))
        #expect(!lines[..<(second - 1)].contains { $0.contains("Side to") })
        #expect(try ArticleLoader().load(path: try files.write("a.txt", Array("en\ntekst\n".utf8))).pageLines.isEmpty)
    }

    /// A small PDF with one line of Helvetica text per entry, one page per element.
    static func pdf(pages: [[String]]) -> [UInt8] {
        var objects: [String] = []
        let pageIDs = pages.indices.map { 3 + 2 * $0 }
        objects.append("<< /Type /Catalog /Pages 2 0 R >>")
        objects.append("<< /Type /Pages /Kids [\(pageIDs.map { "\($0) 0 R" }.joined(separator: " "))] /Count \(pages.count) >>")
        let font = 3 + 2 * pages.count
        for (index, lines) in pages.enumerated() {
            // Latin-1 text in the content stream (WinAnsiEncoding): ø is \370.
            let text = lines.enumerated().map { number, line in
                let escaped = line.unicodeScalars.map { $0.value < 0x80 ? String($0) : String(format: "\\%03o", $0.value) }.joined()
                return "BT /F1 12 Tf 72 \(720 - 20 * number) Td (\(escaped)) Tj ET"
            }.joined(separator: "\n")
            objects.append("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 \(font) 0 R >> >> /Contents \(pageIDs[index] + 1) 0 R >>")
            objects.append("<< /Length \(text.utf8.count) >>\nstream\n\(text)\nendstream")
        }
        objects.append("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
        var output = "%PDF-1.4\n"
        var offsets: [Int] = []
        for (index, object) in objects.enumerated() {
            offsets.append(output.utf8.count)
            output += "\(index + 1) 0 obj\n\(object)\nendobj\n"
        }
        let xref = output.utf8.count
        output += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        output += offsets.map { String(format: "%010d 00000 n \n", $0) }.joined()
        output += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return Array(output.utf8)
    }
}
