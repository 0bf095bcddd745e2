import CLibZip
import Foundation

/// Writes zip files for the office reader tests with libzip: a copy of a real fixture with parts
/// replaced or added (a tracked deletion edited into a .docx), or an encrypted one.
enum ZipFixture {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Copies the zip at `source` to `destination`, with `parts` (name → content) replaced or
    /// added, each encrypted with `password` when one is given.
    static func write(_ destination: String, from source: String, parts: [String: [UInt8]], password: String? = nil) throws {
        try? FileManager.default.removeItem(atPath: destination)
        try FileManager.default.copyItem(atPath: source, toPath: destination)
        var status: Int32 = 0
        guard let archive = zip_open(destination, 0, &status) else { throw Failure(description: "zip_open \(status)") }
        for (name, bytes) in parts {
            let copy = malloc(max(bytes.count, 1))!
            bytes.withUnsafeBytes { copy.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
            guard let data = zip_source_buffer(archive, copy, zip_uint64_t(bytes.count), 1) else {
                throw Failure(description: "zip_source_buffer")
            }
            let index = zip_file_add(archive, name, data, zip_flags_t(ZIP_FL_OVERWRITE | ZIP_FL_ENC_UTF_8))
            guard index >= 0 else { throw Failure(description: String(cString: zip_strerror(archive))) }
            if let password, zip_file_set_encryption(archive, zip_uint64_t(index), zip_uint16_t(ZIP_EM_AES_256), password) != 0 {
                throw Failure(description: String(cString: zip_strerror(archive)))
            }
        }
        guard zip_close(archive) == 0 else { throw Failure(description: String(cString: zip_strerror(archive))) }
    }

    /// The content of the part `name` of the zip at `path`.
    static func read(_ name: String, of path: String) throws -> String {
        var status: Int32 = 0
        guard let archive = zip_open(path, ZIP_RDONLY, &status) else { throw Failure(description: "zip_open \(status)") }
        defer { zip_discard(archive) }
        var stat = zip_stat_t()
        guard zip_stat(archive, name, 0, &stat) == 0, let file = zip_fopen(archive, name, 0) else {
            throw Failure(description: "no \(name)")
        }
        defer { zip_fclose(file) }
        var bytes = [UInt8](repeating: 0, count: Int(stat.size))
        let count = bytes.withUnsafeMutableBytes { zip_fread(file, $0.baseAddress!, stat.size) }
        guard count == Int64(stat.size) else { throw Failure(description: "short read of \(name)") }
        return String(decoding: bytes, as: UTF8.self)
    }
}
