/// A format stored as a zip package (.docx, .odt, .epub). Such files share the zip signature
/// with every other zip, so a file without an extension is told by the package's own entries:
/// its `mimetype` entry (OpenDocument, EPUB), or the content type of its main part (Office Open
/// XML). `ReaderRegistry` opens the zip and asks each package reader.
protocol ZipPackageReader: ArticleReader {
    /// Whether `package` holds this format.
    func recognises(_ package: ZipArchive) throws(IngestionError) -> Bool
}

enum ZipPackage {
    /// The bytes every zip file starts with (a local file header).
    static let signature: [UInt8] = [0x50, 0x4B, 0x03, 0x04]

    /// The media type in a package's first entry when it is a stored (uncompressed) `mimetype`,
    /// as OpenDocument and EPUB require, so it can be read from a file's first bytes; nil else.
    static func storedMimeType(_ prefix: ArraySlice<UInt8>) -> String? {
        let bytes = Array(prefix)
        let name = Array("mimetype".utf8)
        guard bytes.count >= 38, bytes.starts(with: signature) else { return nil }
        let field = { (offset: Int) in Int(bytes[offset]) | Int(bytes[offset + 1]) << 8 }
        let method = field(8), compressedSize = field(18) | field(20) << 16, nameLength = field(26), extraLength = field(28)
        let content = 30 + nameLength + extraLength
        guard method == 0, nameLength == name.count, bytes[30..<38].elementsEqual(name), compressedSize <= 100,
              content + compressedSize <= bytes.count else { return nil }
        return String(decoding: bytes[content..<(content + compressedSize)], as: UTF8.self)
    }

    /// The package's `mimetype` entry, or nil when it has none.
    static func mimeType(of package: ZipArchive) throws(IngestionError) -> String? {
        try package.read("mimetype").map { String(decoding: $0.prefix(100), as: UTF8.self) }
    }
}
