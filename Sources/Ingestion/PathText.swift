#if canImport(Glibc)
import Glibc
#endif

/// File paths as text, lossless also for file names that are not UTF-8.
///
/// Linux file names are bytes. One that is not UTF-8 (a Latin-1 `r\xE6kke.txt` made on an old
/// system) has no String of its own: Foundation turns its bad bytes into U+FFFD, after which the
/// file can be neither opened nor told from another. So a path is kept as text name by name: a
/// name that is UTF-8 as it is (every ordinary path, and so every article id, stays as it was);
/// a name that is not with each byte outside valid UTF-8 written `%XX` (upper-case hex) and each
/// `%` written `%25` (`r%E6kke.txt`, `50%25 r%E6kke.txt`). Such text spells the name's bytes
/// again. The one ambiguity, a UTF-8 name that reads exactly as an escaped one (a file really
/// called `r%E6kke.txt`), is settled on disk: the name as written is opened when it exists.
public enum PathText {
    private static let slash = UInt8(ascii: "/"), percent = UInt8(ascii: "%")

    /// The text kept for the path `bytes`.
    public static func text(_ bytes: some Collection<UInt8>) -> String {
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        return bytes.split(separator: slash, omittingEmptySubsequences: false).map { name in
            String(validating: name, as: UTF8.self) ?? escaped(name)
        }.joined(separator: "/")
    }

    /// The bytes of the path `text` stands for, NUL-terminated, to pass to `open`, `stat` and
    /// the like.
    public static func fileSystemPath(_ text: String) -> [CChar] {
        fileSystemPath(bytes: bytes(text))
    }

    /// The path `bytes`, NUL-terminated, to pass to `open`, `stat` and the like.
    public static func fileSystemPath(bytes: [UInt8]) -> [CChar] {
        bytes.map { CChar(bitPattern: $0) } + [0]
    }

    /// The bytes of the path `text` stands for.
    public static func bytes(_ text: String) -> [UInt8] {
        guard text.utf8.contains(percent) else { return Array(text.utf8) }
        var path: [UInt8] = []
        for (index, name) in text.utf8.split(separator: slash, omittingEmptySubsequences: false).enumerated() {
            if index > 0 { path.append(slash) }
            if let spelled = unescaped(name), !exists(path + name) {
                path += spelled
            } else {
                path += name
            }
        }
        return path
    }

    /// `name` with each byte outside valid UTF-8, and each `%`, as `%XX`.
    private static func escaped(_ name: some Collection<UInt8>) -> String {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = name.makeIterator()
        var remaining = name[...]
        var text = ""
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                let scalar = UTF8.decode(encoded)
                text += scalar == "%" ? "%25" : String(scalar)
                remaining = remaining.dropFirst(encoded.count)
            case .error(let length):
                for byte in remaining.prefix(length) { text += "%" + hex(byte) }
                remaining = remaining.dropFirst(length)
            case .emptyInput:
                return text
            }
        }
    }

    /// The bytes an escaped name spells, or nil when `name` is not one: it must read back to
    /// bytes that are not UTF-8, and be exactly what `escaped` makes of them.
    private static func unescaped(_ name: Substring.UTF8View) -> [UInt8]? {
        guard name.contains(percent) else { return nil }
        var bytes: [UInt8] = []
        var index = name.startIndex
        while index != name.endIndex {
            guard name[index] == percent else {
                bytes.append(name[index])
                index = name.index(after: index)
                continue
            }
            let digits = name[name.index(after: index)...].prefix(2)
            guard digits.count == 2, let byte = UInt8(String(decoding: digits, as: UTF8.self), radix: 16) else { return nil }
            bytes.append(byte)
            index = digits.endIndex
        }
        guard String(validating: bytes, as: UTF8.self) == nil, escaped(bytes).utf8.elementsEqual(name) else { return nil }
        return bytes
    }

    private static func exists(_ path: [UInt8]) -> Bool {
        var status = stat()
        return lstat(fileSystemPath(bytes: path), &status) == 0
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }
}
