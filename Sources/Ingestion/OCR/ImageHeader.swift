/// An image's size read from its header (PNG's IHDR chunk, JPEG's SOF segment, TIFF's image file
/// directories), without decoding it: so an image too large to decode within bounded memory is
/// refused before Tesseract (Leptonica) allocates its pixels.
struct ImageHeader: Equatable {
    /// The largest page's width and height, in pixels.
    var width: Int
    var height: Int
    /// The pages (a TIFF may hold several; PNG and JPEG one).
    var pages: Int

    /// width × height (Int.max for a header whose product overflows).
    var pixels: Int { Self.area(width, height) }

    /// Reads the header of `bytes` as `format` (png, jpeg or tiff). A TIFF with more than
    /// `pageLimit` pages is read no further (`pages` is then `pageLimit + 1`).
    init(_ bytes: [UInt8], format: ArticleFormat, pageLimit: Int) throws(IngestionError) {
        switch format {
        case .png: try self.init(png: bytes)
        case .jpeg: try self.init(jpeg: bytes)
        case .tiff: try self.init(tiff: bytes, pageLimit: pageLimit)
        default: throw .extractionFailed("not an image format")
        }
    }

    private init(png bytes: [UInt8]) throws(IngestionError) {
        // The signature (8 bytes), then the IHDR chunk: length 13, "IHDR", width, height.
        guard bytes.count >= 24, bytes[12..<16].elementsEqual("IHDR".utf8),
              let width = Self.integer(bytes, at: 16, size: 4, bigEndian: true),
              let height = Self.integer(bytes, at: 20, size: 4, bigEndian: true) else {
            throw .extractionFailed("not a PNG image (no IHDR header)")
        }
        self.init(width: width, height: height, pages: 1)
    }

    private init(jpeg bytes: [UInt8]) throws(IngestionError) {
        // Segments after the SOI marker: FF, a marker, then (for most) a 2-byte length. The frame
        // header (SOF0–SOF15, but for DHT, JPG and DAC) holds precision, height and width.
        var offset = 2
        while offset + 4 <= bytes.count {
            guard bytes[offset] == 0xFF else { break }
            let marker = bytes[offset + 1]
            if marker == 0xFF { offset += 1; continue }  // fill byte
            if marker == 0x01 || (0xD0...0xD8).contains(marker) { offset += 2; continue }
            guard marker != 0xD9, marker != 0xDA, let length = Self.integer(bytes, at: offset + 2, size: 2, bigEndian: true) else { break }
            if (0xC0...0xCF).contains(marker), ![0xC4, 0xC8, 0xCC].contains(marker) {
                guard let height = Self.integer(bytes, at: offset + 5, size: 2, bigEndian: true),
                      let width = Self.integer(bytes, at: offset + 7, size: 2, bigEndian: true) else { break }
                self.init(width: width, height: height, pages: 1)
                return
            }
            offset += 2 + length
        }
        throw .extractionFailed("not a JPEG image (no frame header)")
    }

    private init(tiff bytes: [UInt8], pageLimit: Int) throws(IngestionError) {
        guard bytes.count >= 8, bytes[0] == bytes[1], bytes[0] == UInt8(ascii: "I") || bytes[0] == UInt8(ascii: "M") else {
            throw .extractionFailed("not a TIFF image (no byte order mark)")
        }
        let bigEndian = bytes[0] == UInt8(ascii: "M")
        let read = { (offset: Int, size: Int) in Self.integer(bytes, at: offset, size: size, bigEndian: bigEndian) }
        if read(2, 2) == 43 { throw .extractionFailed("BigTIFF images are not supported") }
        guard read(2, 2) == 42, var directory = read(4, 4) else { throw .extractionFailed("not a TIFF image (no 42 after the byte order)") }
        var width = 0, height = 0, pages = 0
        var visited = Set<Int>()
        // Each image file directory: an entry count, 12-byte entries, the next directory's offset.
        while directory != 0, pages <= pageLimit, visited.insert(directory).inserted {
            guard let count = read(directory, 2), directory + 2 + count * 12 + 4 <= bytes.count else {
                throw .extractionFailed("truncated TIFF image (an image directory runs past its end)")
            }
            var pageWidth = 0, pageHeight = 0
            for entry in 0..<count {
                let at = directory + 2 + entry * 12
                guard let tag = read(at, 2), tag == 256 || tag == 257, let type = read(at + 2, 2) else { continue }
                // SHORT (3) or LONG (4), held in the entry's value field.
                guard let value = type == 3 ? read(at + 8, 2) : type == 4 ? read(at + 8, 4) : nil else { continue }
                if tag == 256 { pageWidth = value } else { pageHeight = value }
            }
            guard pageWidth > 0, pageHeight > 0 else { throw .extractionFailed("TIFF image without a width and height") }
            if Self.area(pageWidth, pageHeight) > Self.area(width, height) { (width, height) = (pageWidth, pageHeight) }
            pages += 1
            directory = read(directory + 2 + count * 12, 4) ?? 0
        }
        self.init(width: width, height: height, pages: pages)
    }

    init(width: Int, height: Int, pages: Int) {
        self.width = width
        self.height = height
        self.pages = pages
    }

    private static func area(_ width: Int, _ height: Int) -> Int {
        let (product, overflow) = width.multipliedReportingOverflow(by: height)
        return overflow ? .max : product
    }

    /// The unsigned integer of `size` bytes at `offset`, or nil past the end.
    private static func integer(_ bytes: [UInt8], at offset: Int, size: Int, bigEndian: Bool) -> Int? {
        guard offset >= 0, offset + size <= bytes.count else { return nil }
        let field = bytes[offset..<(offset + size)]
        return (bigEndian ? Array(field) : field.reversed()).reduce(0) { $0 << 8 | Int($1) }
    }
}
