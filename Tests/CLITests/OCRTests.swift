import Foundation
import Testing

/// Scans read with OCR end to end: a PDF with no text layer and a PNG of a page, made from the
/// seed article by Tests/Fixtures/formats/make-fixtures.sh, are found by the seed quote, marked
/// as OCR's text; their text is cached beside the index, so a rebuild and a moved file do not run
/// Tesseract again; `--no-ocr` and an image too large to decode are one line each.
@Suite struct OCRTests {
    let workspace: Workspace

    init() throws {
        workspace = try Workspace()
    }

    static let quote = "\"erfaringer får en anden værdi\""

    private func copyFixture(_ name: String, as target: String? = nil) throws {
        try FileManager.default.copyItem(at: DocumentFormatTests.fixtures.appendingPathComponent(name),
                                         to: workspace.corpus.appendingPathComponent(target ?? name))
    }

    private func hit(_ json: [String: Any], named name: String) -> [String: Any]? {
        json.hits.first { ($0["path"] as? String)?.hasSuffix("/" + name) == true }
    }

    private func passages(_ hit: [String: Any]?) -> [[String: Any]] {
        hit?["passages"] as? [[String: Any]] ?? []
    }

    @Test func aScannedPDFAndAPageImageAreFoundByTheQuoteAndSayItIsOCR() throws {
        try copyFixture("seed-scanned.pdf")
        try copyFixture("seed-page-2.png")
        let output = try workspace.indexCorpus()
        #expect(output.status == 0)
        #expect(output.stderrLines.contains { $0.hasSuffix("seed-scanned.pdf: pages 1-2 read by OCR (no text layer)") }, "\(output.stderr)")
        #expect(!output.stderr.contains("skipped:"))

        let json = try workspace.searchJSON(Self.quote)
        let pdf = passages(hit(json, named: "seed-scanned.pdf"))
        // The quote stands on page 2 as a subheading and in a sentence (and page 1 has the title).
        #expect(pdf.contains { $0["page"] as? Int == 2 && $0["text"] as? String == "Ens erfaringer får en anden værdi" }, "\(pdf)")
        #expect(pdf.filter { $0["page"] as? Int == 2 }.count == 2)
        #expect(!pdf.isEmpty && pdf.allSatisfy { $0["source_text"] as? String == "ocr" })
        let png = passages(hit(json, named: "seed-page-2.png"))
        #expect(png.contains { $0["text"] as? String == "Ens erfaringer får en anden værdi" }, "\(png)")
        #expect(!png.isEmpty && png.allSatisfy { $0["source_text"] as? String == "ocr" && $0["page"] == nil })
        // Text that is text says nothing.
        #expect(passages(hit(json, named: Workspace.portrait)).allSatisfy { $0["source_text"] == nil })

        let text = try workspace.search(Self.quote, "--color", "never").stdout
        let lines = text.split(separator: "\n")
        #expect(lines.contains { $0.hasPrefix("p. 2, l. ") && $0.hasSuffix(" (OCR):Ens erfaringer får en anden værdi") }, "\(text)")
        #expect(lines.contains { $0.range(of: #"^\d+ \(OCR\):Ens erfaringer får en anden værdi$"#, options: .regularExpression) != nil })
        #expect(lines.contains("25:Ens erfaringer får en anden værdi"))
    }

    @Test func aPDFWithOneScannedPageHasOnlyThatPageReadByOCRInItsPlace() throws {
        // Page 1 of seed.pdf with its text layer, page 2 of the scan: a newsletter with one scanned page.
        let folder = workspace.root.appendingPathComponent("parts").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let fixtures = DocumentFormatTests.fixtures.path
        for (pdf, part) in [("seed.pdf", "text"), ("seed-scanned.pdf", "scan")] {
            #expect(try workspace.runner.run(["pdfseparate", "\(fixtures)/\(pdf)", "\(folder)/\(part)-%d.pdf"],
                                             executable: URL(fileURLWithPath: "/usr/bin/env")).status == 0)
        }
        let mixed = workspace.corpus.appendingPathComponent("blandet.pdf").path
        #expect(try workspace.runner.run(["pdfunite", "\(folder)/text-1.pdf", "\(folder)/scan-2.pdf", mixed],
                                         executable: URL(fileURLWithPath: "/usr/bin/env")).status == 0)

        let output = try workspace.indexCorpus()
        #expect(output.stderrLines.contains { $0.hasSuffix("blandet.pdf: page 2 read by OCR (no text layer)") }, "\(output.stderr)")
        let found = passages(hit(try workspace.searchJSON(Self.quote), named: "blandet.pdf"))
        #expect(found.filter { $0["page"] as? Int == 1 }.count >= 1)
        #expect(found.filter { $0["page"] as? Int == 2 }.count == 2)
        #expect(found.allSatisfy { ($0["source_text"] as? String == "ocr") == ($0["page"] as? Int == 2) }, "\(found)")

        // Without OCR the scanned page is left empty, with a note; the text page is indexed.
        let off = try workspace.runner.run(["index", workspace.corpus.path, "--index", workspace.root.appendingPathComponent("Uden").path, "--no-ocr"])
        #expect(off.stderrLines.contains { $0.hasSuffix("blandet.pdf: page 2 without a text layer left empty: OCR is off (--no-ocr)") }, "\(off.stderr)")
    }

    @Test func ocrTextIsCachedSoARebuildAndAMovedFileDoNotRunTesseract() throws {
        try copyFixture("seed-scanned.pdf")
        try copyFixture("seed-page-2.png")
        #expect(try workspace.indexCorpus().status == 0)
        #expect(FileManager.default.fileExists(atPath: workspace.index + ".ocr/CACHEDIR.TAG"))

        // A tesseract that leaves a mark and fails comes first on PATH from now on.
        let bin = workspace.root.appendingPathComponent("bin")
        let mark = workspace.root.appendingPathComponent("tesseract-ran").path
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        let fake = bin.appendingPathComponent("tesseract").path
        try "#!/bin/sh\ntouch '\(mark)'\nexit 1\n".write(toFile: fake, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: fake)
        let path = ["PATH": bin.path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")]

        // Moved and renamed, then the index rebuilt.
        let moved = workspace.corpus.appendingPathComponent("arkiv")
        try FileManager.default.createDirectory(at: moved, withIntermediateDirectories: true)
        try FileManager.default.moveItem(at: workspace.corpus.appendingPathComponent("seed-page-2.png"), to: moved.appendingPathComponent("side.png"))
        try FileManager.default.moveItem(at: workspace.corpus.appendingPathComponent("seed-scanned.pdf"), to: moved.appendingPathComponent("skannet.pdf"))
        let rebuild = try workspace.runner.run(["index", workspace.corpus.path, "--index", workspace.index, "--rebuild"], environment: path)
        #expect(rebuild.status == 0)
        #expect(!rebuild.stderr.contains("skipped:"), "\(rebuild.stderr)")
        #expect(!FileManager.default.fileExists(atPath: mark), "tesseract ran")
        let json = try workspace.searchJSON(Self.quote)
        #expect(passages(hit(json, named: "arkiv/side.png")).contains { $0["source_text"] as? String == "ocr" })
        #expect(passages(hit(json, named: "arkiv/skannet.pdf")).contains { $0["page"] as? Int == 2 && $0["source_text"] as? String == "ocr" })

        // The fake is really used: a file the cache does not hold runs it, and is skipped.
        try copyFixture("seed-page-2.png", as: "ny.png")
        let png = Array(try Data(contentsOf: workspace.corpus.appendingPathComponent("ny.png")))
        try workspace.write("ny.png", png + [0])  // other bytes, so another key
        let fresh = try workspace.runner.run(["index", workspace.corpus.path, "--index", workspace.index], environment: path)
        #expect(fresh.stderrLines.contains { $0.hasSuffix("ny.png: tesseract --list-langs failed (exit 1)") }, "\(fresh.stderr)")
        #expect(FileManager.default.fileExists(atPath: mark))
    }

    @Test func noOCRMakesAnImageAndAScanOneLineSkipsEach() throws {
        try copyFixture("seed-scanned.pdf")
        try copyFixture("seed-page-2.png")
        let output = try workspace.indexCorpus("--no-ocr")
        #expect(output.status == 0)
        let skipped = output.stderrLines.filter { $0.hasPrefix("skipped: ") }
        #expect(skipped.count == 2)
        #expect(skipped.contains { $0.hasSuffix("seed-page-2.png: image needs OCR; OCR is off (--no-ocr)") })
        #expect(skipped.contains { $0.hasSuffix("seed-scanned.pdf: PDF has no text layer (a scan?) and OCR is off (--no-ocr)") })
        #expect(try workspace.searchJSON(Self.quote).hitFileNames == [Workspace.portrait])
        #expect(!FileManager.default.fileExists(atPath: workspace.index + ".ocr"))
    }

    @Test func anImageOf20000By20000PixelsIsASkipWithMemoryBounded() throws {
        // A real PNG (1 bit a pixel, 50 MB of pixels, compressed by zlib to some 50 KB), which
        // Tesseract would decode into some 430 MB (1.6 GB were it in colour).
        let huge = workspace.corpus.appendingPathComponent("kæmpe.png").path
        let script = """
            import struct, sys, zlib
            side = 20000
            def chunk(kind, data):
                return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
            rows = (b"\\x00" + b"\\xff" * (side // 8)) * side
            png = b"\\x89PNG\\r\\n\\x1a\\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0))
            png += chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b"")
            open(sys.argv[1], "wb").write(png)
            """
        #expect(try workspace.runner.run(["python3", "-c", script, huge], executable: URL(fileURLWithPath: "/usr/bin/env")).status == 0)
        try copyFixture("seed-page-2.png")

        let measured = try workspace.runner.measure(["index", workspace.corpus.path, "--index", workspace.index])
        #expect(measured.output.status == 0)
        let skipped = measured.output.stderrLines.filter { $0.hasPrefix("skipped: ") }
        #expect(skipped.count == 1)
        #expect(skipped.first?.hasSuffix("kæmpe.png: image of 20000 × 20000 pixels is over OCR's limit of 40 megapixels") == true, "\(skipped)")
        #expect(measured.output.stdout.hasSuffix("new, 0 updated, 0 removed, 1 skipped (0 unchanged)\n"))
        #expect(try workspace.searchJSON(Self.quote).hitFileNames.contains("seed-page-2.png"))
        // The run and its tesseract (which read the page) stayed well below what decoding would take.
        #expect(measured.peakBytes < 300 << 20, "peak \(measured.peakBytes >> 20) MiB")
    }
}
