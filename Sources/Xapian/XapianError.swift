internal import CXapianShim
#if canImport(Glibc)
import Glibc
#endif

/// An error raised by Xapian, carried across the C shim as a value.
public struct XapianError: Error, CustomStringConvertible, Sendable {
    /// What went wrong, as far as a caller needs to tell errors apart.
    public enum Kind: Sendable, Equatable {
        /// Another process holds the write lock (DatabaseLockError).
        case databaseLocked
        /// No database exists at the path (DatabaseNotFoundError).
        case databaseNotFound
        /// The database could not be opened (DatabaseOpeningError and its other kinds).
        case databaseOpening
        /// The database files are damaged (DatabaseCorruptError).
        case databaseCorrupt
        /// The database changed under a reader; reopen and retry (DatabaseModifiedError).
        case databaseModified
        /// A bad argument, e.g. an unknown stemmer language (InvalidArgumentError).
        case invalidArgument
        /// A remote database could not be reached (NetworkError, NetworkTimeoutError).
        case network
        /// Anything else (other Xapian errors, C++ exceptions).
        case other
    }

    public let kind: Kind
    /// The Xapian error class, e.g. "DatabaseLockError".
    public let type: String
    public let message: String

    public init(kind: Kind, type: String, message: String) {
        self.kind = kind
        self.type = type
        self.message = message
    }

    init(consuming error: UnsafeMutablePointer<xs_error>) {
        let type = error.pointee.type.map { String(cString: $0) } ?? "unknown"
        let message = error.pointee.message.map { String(cString: $0) } ?? ""
        xs_error_free(error)
        self.init(kind: Self.kind(ofType: type), type: type, message: message)
    }

    static func kind(ofType type: String) -> Kind {
        switch type {
        case "DatabaseLockError": .databaseLocked
        case "DatabaseNotFoundError": .databaseNotFound
        case "DatabaseOpeningError", "DatabaseVersionError": .databaseOpening
        // A plain DatabaseError comes from damaged files too, e.g. "EOF reading block".
        case "DatabaseCorruptError", "DatabaseError": .databaseCorrupt
        case "DatabaseModifiedError": .databaseModified
        case "InvalidArgumentError": .invalidArgument
        case "NetworkError", "NetworkTimeoutError": .network
        default: .other
        }
    }

    public var description: String { "\(type): \(message)" }

    /// The operating system's error behind this one, when Xapian names it (`Error writing block
    /// 188 (No space left on device)`, `Couldn't open lockfile: Read-only file system`): one of
    /// ENOSPC, EDQUOT, EROFS, EACCES, EPERM, EIO, or nil. Xapian 1.4 keeps the errno number to
    /// itself and gives only its text, which is the C library's own `strerror`, so it is matched.
    public var systemError: Int32? {
        Self.recognisedSystemErrors.first { message.contains(String(cString: strerror($0))) }
    }

    private static let recognisedSystemErrors: [Int32] = [ENOSPC, EDQUOT, EROFS, EACCES, EPERM, EIO]
}

/// Calls a shim function that reports failure through an `xs_error **` out-parameter.
@inline(__always)
func checked<Result>(_ body: (UnsafeMutablePointer<UnsafeMutablePointer<xs_error>?>) -> Result) throws(XapianError) -> Result {
    var error: UnsafeMutablePointer<xs_error>?
    let result = body(&error)
    if let error { throw XapianError(consuming: error) }
    return result
}

/// Calls a shim function returning a handle, which is non-nil unless an error was reported.
@inline(__always)
func checkedHandle(_ body: (UnsafeMutablePointer<UnsafeMutablePointer<xs_error>?>) -> OpaquePointer?) throws(XapianError) -> OpaquePointer {
    let handle = try checked(body)
    guard let handle else { throw XapianError(kind: .other, type: "unknown", message: "Xapian returned no handle") }
    return handle
}

/// Calls a shim function that hands over a malloc'd buffer, and copies it into `[UInt8]`.
func checkedBytes(_ body: (UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>, UnsafeMutablePointer<Int>,
                           UnsafeMutablePointer<UnsafeMutablePointer<xs_error>?>) -> Int32) throws(XapianError) -> [UInt8] {
    var buffer: UnsafeMutablePointer<CChar>?
    var length = 0
    _ = try checked { body(&buffer, &length, $0) }
    guard let buffer else { return [] }
    defer { xs_free(buffer) }
    return buffer.withMemoryRebound(to: UInt8.self, capacity: length) { Array(UnsafeBufferPointer(start: $0, count: length)) }
}

/// Calls a shim function that hands over a malloc'd UTF-8 string.
func checkedString(_ body: (UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>, UnsafeMutablePointer<Int>,
                            UnsafeMutablePointer<UnsafeMutablePointer<xs_error>?>) -> Int32) throws(XapianError) -> String {
    String(decoding: try checkedBytes(body), as: UTF8.self)
}

extension String {
    /// Runs `body` with this string's UTF-8 bytes as (pointer, length); the pointer is never nil.
    @inline(__always)
    func withBytes<R>(_ body: (UnsafePointer<CChar>, Int) -> R) -> R {
        let direct = utf8.withContiguousStorageIfAvailable { buffer -> R? in
            guard let base = buffer.baseAddress, buffer.count > 0 else { return nil }
            return base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { body($0, buffer.count) }
        }
        if let direct, let result = direct { return result }
        return withCString { body($0, strlen($0)) }
    }
}
