/// Why a file could not be read as an article. Each has a one-line description.
public enum IngestionError: Error, Equatable, CustomStringConvertible {
    case unsupportedFormat(String)
    case empty
    case binary
    case undecodable
    case malformedUTF16(invalidBytes: Int, bytes: Int)
    case tooLarge(bytes: Int, limit: Int)
    case unreadable(String)
    case extractionFailed(String)
    /// A tool a reader runs is not installed: the tool and the Debian package that has it.
    case toolMissing(tool: String, package: String)

    public var description: String {
        switch self {
        case .unsupportedFormat(let ext): "unsupported file type '.\(ext)'"
        case .empty: "empty file (no text)"
        case .binary: "binary file, not text"
        case .undecodable: "not UTF-8 or Windows-1252 text"
        case .malformedUTF16(let invalid, let bytes):
            "starts as UTF-16 (a byte order mark), but \(invalid) of its \(bytes) bytes are not valid UTF-16"
        case .tooLarge(let bytes, let limit): "file too large (\(bytes) bytes; the limit is \(limit) bytes)"
        case .unreadable(let reason): "cannot read file: \(reason)"
        case .extractionFailed(let reason): reason
        case .toolMissing(let tool, let package): "\(tool) is not installed (apt-get install \(package))"
        }
    }
}
