import CLibZip
import Foundation

/// A zip file in memory, read with libzip: the container of .docx and .odt files. Reading is
/// bounded, so a hostile file cannot take memory: every entry read, and all of them together,
/// stay under `maximumBytes` of uncompressed data, checked against the zip's directory and again
/// while inflating (a directory may lie). Encrypted entries and damaged or truncated zips are
/// refused with a reason.
final class ZipArchive {
    private let archive: OpaquePointer
    /// Uncompressed bytes that may still be read.
    private var budget: Int
    private let maximumBytes: Int

    init(_ bytes: [UInt8], maximumBytes: Int) throws(IngestionError) {
        var error = zip_error_t()
        zip_error_init(&error)
        defer { zip_error_fini(&error) }
        // libzip frees the copy (freep 1) with the source, or with the archive that takes it.
        let copy = malloc(max(bytes.count, 1))!
        bytes.withUnsafeBytes { copy.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
        guard let source = zip_source_buffer_create(copy, zip_uint64_t(bytes.count), 1, &error) else {
            free(copy)
            throw .extractionFailed("cannot read the zip container")
        }
        guard let archive = zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error) else {
            zip_source_free(source)
            throw .extractionFailed("truncated or damaged zip container (\(String(cString: zip_error_strerror(&error))))")
        }
        self.archive = archive
        budget = maximumBytes
        self.maximumBytes = maximumBytes
    }

    deinit {
        zip_discard(archive)
    }

    /// The names of the entries, in the order they are stored.
    var names: [String] {
        let count = zip_get_num_entries(archive, 0)
        guard count > 0 else { return [] }
        return (0..<zip_uint64_t(count)).compactMap { zip_get_name(archive, $0, 0).map { String(cString: $0) } }
    }

    /// The uncompressed bytes of the entry `name`, or nil when there is none.
    func read(_ name: String) throws(IngestionError) -> [UInt8]? {
        let index = zip_name_locate(archive, name, 0)
        guard index >= 0 else { return nil }
        var stat = zip_stat_t()
        guard zip_stat_index(archive, zip_uint64_t(index), 0, &stat) == 0 else {
            throw .extractionFailed("damaged zip container (entry \(name))")
        }
        if stat.valid & zip_uint64_t(ZIP_STAT_ENCRYPTION_METHOD) != 0, stat.encryption_method != ZIP_EM_NONE {
            throw .extractionFailed("encrypted document (\(name) is password-protected)")
        }
        guard stat.valid & zip_uint64_t(ZIP_STAT_SIZE) != 0, stat.size <= zip_uint64_t(budget) else {
            throw tooLarge(name)
        }
        guard let file = zip_fopen_index(archive, zip_uint64_t(index), 0) else {
            let code = zip_error_code_zip(zip_get_error(archive))
            if code == ZIP_ER_NOPASSWD || code == ZIP_ER_WRONGPASSWD {
                throw .extractionFailed("encrypted document (\(name) is password-protected)")
            }
            throw .extractionFailed("damaged zip container (cannot open \(name))")
        }
        defer { zip_fclose(file) }
        let declared = Int(stat.size)
        var bytes = [UInt8](repeating: 0, count: declared + 1)
        var filled = 0
        // One byte more than declared is asked for: getting it means the directory lied.
        while filled <= declared {
            let count = bytes.withUnsafeMutableBytes { zip_fread(file, $0.baseAddress! + filled, zip_uint64_t(declared + 1 - filled)) }
            if count < 0 {
                throw .extractionFailed("truncated or damaged zip container (\(name): \(String(cString: zip_file_strerror(file))))")
            }
            if count == 0 { break }
            filled += Int(count)
        }
        guard filled <= declared else {
            throw .extractionFailed("zip entry \(name) unpacks to more than the \(declared) bytes its directory gives (a zip bomb?)")
        }
        guard filled == declared else { throw .extractionFailed("truncated or damaged zip container (\(name) is short)") }
        budget -= declared
        bytes.removeLast()
        return bytes
    }

    private func tooLarge(_ name: String) -> IngestionError {
        .extractionFailed("zip entry \(name) unpacks to more than the limit of \(maximumBytes) bytes (a zip bomb?)")
    }
}
