import Foundation
import Ingestion

/// Finds the article files under the paths a user gives, and the files there that no reader takes.
public struct FileCollector {
    /// Why a path given to index is skipped when it does not exist.
    public static let missingReason = "no such file or directory"

    /// Tells which files are articles.
    let loader: ArticleLoader
    /// Articles without files of their own, kept as files here; nil leaves them out.
    var archive: ArticleArchive?

    /// What was found: supported files (absolute paths, sorted), plus problems with the roots.
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
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory) else {
                collection.problems.append(SkippedFile(path: path, reason: Self.missingReason))
                continue
            }
            if !isDirectory.boolValue {
                if seen.insert(root).inserted { collection.files.append(root) }
                continue
            }
            for file in Self.files(under: root, excluding: archive?.folder) where seen.insert(file).inserted {
                if let special = Self.specialKind(file) {
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

    /// The files below `directory`, hidden files and folders left out, and Xapian databases (an
    /// index kept inside the folder it indexes, or one being rebuilt) and the archive folder
    /// (whose articles are kept under their ids). Links to files are
    /// followed; links to folders are not (so a link loop cannot trap the walk).
    private static func files(under directory: String, excluding archiveFolder: String?) -> [String] {
        let url = URL(fileURLWithPath: directory, isDirectory: true)
        guard let enumerator = FileManager.default.enumerator(
            at: url, includingPropertiesForKeys: [.isDirectoryKey], options: [.skipsHiddenFiles]) else { return [] }
        var files: [String] = []
        for case let file as URL in enumerator {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: file.path, isDirectory: &isDirectory)
            if exists && isDirectory.boolValue && (isIndex(file.path) || file.standardizedFileURL.path == archiveFolder) {
                enumerator.skipDescendants()
                continue
            }
            // A dangling link is kept: reading it then reports why it is skipped.
            if !exists || !isDirectory.boolValue { files.append(file.standardizedFileURL.path) }
        }
        return files
    }

    /// What a file that is neither a regular file nor a folder is (`a FIFO`, `a socket`, `a
    /// device`), or nil. Such files are never opened: opening a FIFO waits for a writer.
    static func specialKind(_ path: String) -> String? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        switch status.st_mode & S_IFMT {
        case S_IFIFO: return "a FIFO"
        case S_IFSOCK: return "a socket"
        case S_IFCHR, S_IFBLK: return "a device"
        default: return nil
        }
    }

    /// Whether `folder` holds a Xapian database or a stub file over shards.
    private static func isIndex(_ folder: String) -> Bool {
        FileManager.default.fileExists(atPath: folder + "/iamglass")
            || FileManager.default.fileExists(atPath: folder + "/" + IndexLocation.stubName)
    }

    /// `path` made absolute (against the working directory) and standardised, as articles are kept.
    public static func absolute(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }
}
