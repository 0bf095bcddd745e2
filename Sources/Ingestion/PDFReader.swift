import Foundation

/// Reads a PDF with poppler's `pdftotext` (text in reading order, pages separated by form feeds)
/// and `pdfinfo` (Title, Author, CreationDate), as omindex and Recoll do.
struct PDFReader {
    /// A PDF that takes longer than this to extract is skipped.
    static let timeout: TimeInterval = 120

    func read(path: String) throws(IngestionError) -> (metadata: ArticleMetadata, text: String) {
        let extraction = try ExternalTool.run("pdftotext", ["-enc", "UTF-8", "-eol", "unix", "-q", path, "-"], timeout: Self.timeout)
        guard extraction.status == 0 else {
            switch extraction.status {
            case 1: throw .extractionFailed("broken or password-protected PDF (pdftotext could not open it)")
            case 3: throw .extractionFailed("PDF does not permit text extraction")
            default: throw .extractionFailed("pdftotext failed (exit \(extraction.status))")
            }
        }
        let text = TextDecoding.normalized(String(decoding: extraction.output, as: UTF8.self))
        guard text.contains(where: { $0.isLetter || $0.isNumber }) else {
            throw .extractionFailed("PDF has no extractable text (scanned images?)")
        }
        let info = (try? ExternalTool.run("pdfinfo", ["-enc", "UTF-8", "-isodates", path], timeout: 30))
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

/// Runs a command-line tool and collects its standard output.
enum ExternalTool {
    struct Result {
        var status: Int32
        var output: Data
    }

    static func run(_ tool: String, _ arguments: [String], timeout: TimeInterval) throws(IngestionError) -> Result {
        guard let executable = locate(tool) else { throw .toolMissing(tool) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw .extractionFailed("could not run \(tool): \(error.localizedDescription)")
        }
        let deadline = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: deadline)
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        deadline.cancel()
        if process.terminationReason == .uncaughtSignal {
            throw .extractionFailed("\(tool) took longer than \(Int(timeout)) s and was stopped")
        }
        return Result(status: process.terminationStatus, output: data)
    }

    private static func locate(_ tool: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(tool)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}
