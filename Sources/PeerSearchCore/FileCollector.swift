import Foundation
import Ingestion

/// Finds the article files under the paths a user gives.
struct FileCollector {
    /// What was found: supported files (absolute paths, sorted), plus problems with the roots.
    struct Collection {
        var files: [String] = []
        var problems: [SkippedFile] = []
        /// Absolute forms of the roots, for telling which indexed articles a run covers.
        var roots: [String] = []
    }

    func collect(_ paths: [String]) -> Collection {
        var collection = Collection()
        var seen = Set<String>()
        for path in paths {
            let root = Self.absolute(path)
            collection.roots.append(root)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory) else {
                collection.problems.append(SkippedFile(path: path, reason: "no such file or directory"))
                continue
            }
            if !isDirectory.boolValue {
                if seen.insert(root).inserted { collection.files.append(root) }
                continue
            }
            for file in Self.files(under: root) where seen.insert(file).inserted {
                collection.files.append(file)
            }
        }
        collection.files.sort()
        return collection
    }

    /// Supported files below `directory`, hidden files and folders left out.
    private static func files(under directory: String) -> [String] {
        let url = URL(fileURLWithPath: directory, isDirectory: true)
        guard let enumerator = FileManager.default.enumerator(
            at: url, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles]) else { return [] }
        var files: [String] = []
        for case let file as URL in enumerator where ArticleLoader.isSupported(path: file.path) {
            if (try? file.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true {
                files.append(file.standardizedFileURL.path)
            }
        }
        return files
    }

    static func absolute(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }
}

/// A file that was not indexed, and why.
public struct SkippedFile: Sendable, Equatable {
    public var path: String
    public var reason: String
}
