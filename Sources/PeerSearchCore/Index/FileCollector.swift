import Foundation
import Ingestion

/// Finds the article files under the paths a user gives, and the files there that no reader takes.
/// Folders are read with `readdir`, name bytes and all: Foundation's enumerator turns a name
/// that is not UTF-8 into U+FFFD, so such a file could never be read. Paths are `PathText`.
public struct FileCollector {
    /// Why a path given to index is skipped when it does not exist.
    public static let missingReason = "no such file or directory"
    /// Why a file whose name is not UTF-8 is skipped when its `PathText` names another file.
    static let clashReason = "its name is not UTF-8, and written with %XX escapes it is the name of another file"

    /// Tells which files are articles.
    let loader: ArticleLoader
    /// Articles without files of their own, kept as files here; nil leaves them out.
    var archive: ArticleArchive?

    /// What was found: supported files (absolute paths, sorted), plus problems with the roots
    /// and files that cannot be told apart.
    struct Collection {
        var files: [String] = []
        var problems: [SkippedFile] = []
        /// Files under the folders that no reader takes (sorted).
        var unsupported: [UnsupportedFile] = []
        /// Absolute forms of the roots, for telling which indexed articles a run covers.
        var roots: [String] = []
        /// The files among `files` that hold archived articles, with the ids they are kept under.
        var archivedIDs: [String: String] = [:]

        /// The path the article in `file` is kept under: its id, or the file's own path.
        func keptAs(_ file: String) -> String { archivedIDs[file] ?? file }
    }

    /// Files named on their own are taken whatever they are (reading one then says why it is
    /// skipped); files in folders only when a reader takes them.
    func collect(_ paths: [String]) -> Collection {
        var collection = Collection()
        var seen = Set<String>()
        for path in paths {
            let root = Self.absolute(path)
            collection.roots.append(root)
            let rootBytes = PathText.bytes(root)
            guard let type = Self.fileType(rootBytes, followingLinks: true) else {
                collection.problems.append(SkippedFile(path: path, reason: Self.missingReason))
                continue
            }
            if type != S_IFDIR {
                if seen.insert(root).inserted { collection.files.append(root) }
                continue
            }
            let (files, clashes) = Self.files(under: rootBytes, excluding: archive?.folder)
            collection.problems += clashes.map { SkippedFile(path: $0, reason: Self.clashReason) }
            for file in files where seen.insert(file).inserted {
                if let special = Self.specialKind(PathText.bytes(file)) {
                    collection.problems.append(SkippedFile(path: file, reason: "not a regular file (\(special))"))
                } else if loader.takes(path: file) {
                    collection.files.append(file)
                } else {
                    collection.unsupported.append(UnsupportedFile(path: file))
                }
            }
        }
        for (file, id) in archive?.entries() ?? [] where seen.insert(file).inserted {
            collection.files.append(file)
            collection.archivedIDs[file] = id
        }
        collection.files.sort()
        collection.unsupported.sort { $0.path < $1.path }
        return collection
    }

    /// The files below the folder whose path bytes are `directory`, as `PathText`: hidden files
    /// and folders left out, and Xapian databases (an index kept inside the folder it indexes,
    /// or one being rebuilt), caches (the OCR cache, any folder tagged with a `CACHEDIR.TAG`) and
    /// the archive folder (whose articles are kept under their ids).
    /// Links to files are followed; links to folders are not (so a link loop cannot trap the
    /// walk). Files whose `PathText` opens another file (one really called `r%E6kke.txt` beside
    /// a Latin-1 `r\xE6kke.txt`) are returned apart, as clashes.
    private static func files(under directory: [UInt8], excluding archiveFolder: String?) -> (files: [String], clashes: [String]) {
        let slash = UInt8(ascii: "/")
        var files: [String] = [], clashes: [String] = []
        var folders = [directory]
        while let folder = folders.popLast() {
            guard let stream = opendir(PathText.fileSystemPath(bytes: folder)) else { continue }
            defer { closedir(stream) }
            while let entry = readdir(stream) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { Array($0.prefix { $0 != 0 }) }
                // Hidden files and folders, `.` and `..`.
                guard let first = name.first, first != UInt8(ascii: ".") else { continue }
                let path = folder.last == slash ? folder + name : folder + [slash] + name
                if fileType(path, followingLinks: false) == S_IFDIR {
                    if !isIndexOrCache(path) && PathText.text(path) != archiveFolder { folders.append(path) }
                } else if fileType(path, followingLinks: true) != S_IFDIR {
                    // A dangling link is kept: reading it then reports why it is skipped.
                    let text = PathText.text(path)
                    if PathText.bytes(text) == path { files.append(text) } else { clashes.append(text) }
                }
            }
        }
        return (files, clashes)
    }

    /// What a file that is neither a regular file nor a folder is (`a FIFO`, `a socket`, `a
    /// device`), or nil. Such files are never opened: opening a FIFO waits for a writer.
    static func specialKind(_ path: [UInt8]) -> String? {
        switch fileType(path, followingLinks: true) {
        case S_IFIFO: "a FIFO"
        case S_IFSOCK: "a socket"
        case S_IFCHR, S_IFBLK: "a device"
        default: nil
        }
    }

    /// Whether the folder `folder` (path bytes) holds a Xapian database, a stub file over shards
    /// or a cache directory tag.
    private static func isIndexOrCache(_ folder: [UInt8]) -> Bool {
        ["/iamglass", "/" + IndexLocation.stubName, "/CACHEDIR.TAG"].contains { fileType(folder + Array($0.utf8), followingLinks: true) != nil }
    }

    /// The type (`S_IFDIR`, `S_IFREG`, …) of the file at the path `bytes`, or nil when there is
    /// none; the type of a link itself unless `followingLinks`.
    private static func fileType(_ bytes: [UInt8], followingLinks: Bool) -> mode_t? {
        var status = stat()
        let path = PathText.fileSystemPath(bytes: bytes)
        let found = followingLinks ? stat(path, &status) : lstat(path, &status)
        return found == 0 ? status.st_mode & S_IFMT : nil
    }

    /// `path` made absolute (against the working directory) and standardised, as articles are kept.
    public static func absolute(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }
}
