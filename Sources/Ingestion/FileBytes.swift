import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reads regular files with a size limit checked before reading, so memory stays bounded.
/// Opening never blocks (O_NONBLOCK): a FIFO or a device is refused, not waited on.
public enum FileBytes {
    /// The file's bytes (at most `count` of them, from the start); a file over `limit` bytes is
    /// refused. `path` is a `PathText`.
    public static func read(path: String, limit: Int, upTo count: Int = .max) throws(IngestionError) -> [UInt8] {
        let descriptor = open(PathText.fileSystemPath(path), O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { throw .unreadable(String(cString: strerror(errno))) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw .unreadable(String(cString: strerror(errno))) }
        guard (status.st_mode & S_IFMT) == S_IFREG else { throw .unreadable("not a regular file") }
        guard Int(status.st_size) <= limit else { throw .tooLarge(bytes: Int(status.st_size), limit: limit) }
        let size = min(Int(status.st_size), count)
        var bytes = [UInt8](repeating: 0, count: size)
        var filled = 0
        while filled < size {
            let count = bytes.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress! + filled, size - filled) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .unreadable(String(cString: strerror(errno)))
            }
            if count == 0 { break }
            filled += count
        }
        bytes.removeLast(size - filled)  // the file shrank while it was read
        return bytes
    }
}
