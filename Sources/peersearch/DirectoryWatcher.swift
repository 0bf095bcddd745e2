import Foundation
import PeerSearchCore
#if canImport(Glibc)
import Glibc
#endif

/// Reports files created, changed, moved or deleted under folders, with Linux inotify.
/// Folders created later are watched too.
final class DirectoryWatcher {
    private let descriptor: Int32
    private var folders: [Int32: String] = [:]

    private static let mask = UInt32(IN_CREATE | IN_CLOSE_WRITE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_DELETE_SELF | IN_MOVE_SELF)

    /// Watches `roots` (folders, or files whose folder is then watched).
    init(roots: [String]) throws(PeerSearchError) {
        descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard descriptor >= 0 else {
            throw .watchFailed(String(cString: strerror(errno)))
        }
        for root in roots.map(FileCollector.absolute) {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory)
            let folder = exists && isDirectory.boolValue ? root : (root as NSString).deletingLastPathComponent
            try watchTree(folder)
        }
    }

    deinit {
        close(descriptor)
    }

    /// Waits up to `timeout` seconds for changes; returns the paths that changed (files, or
    /// folders that were deleted or moved away).
    func changes(timeout: TimeInterval) -> Set<String> {
        var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        guard poll(&poller, 1, Int32(timeout * 1000)) > 0 else { return [] }
        var changed = Set<String>()
        let capacity = 64 * 1024
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: MemoryLayout<inotify_event>.alignment)
        defer { buffer.deallocate() }
        while true {
            let count = read(descriptor, buffer, capacity)
            guard count > 0 else { break }
            var offset = 0
            while offset < count {
                let event = buffer.load(fromByteOffset: offset, as: inotify_event.self)
                let nameStart = buffer.advanced(by: offset + MemoryLayout<inotify_event>.size)
                let name = event.len > 0 ? String(cString: nameStart.assumingMemoryBound(to: CChar.self)) : ""
                offset += MemoryLayout<inotify_event>.size + Int(event.len)
                guard let folder = folders[event.wd], !name.isEmpty else { continue }
                let path = folder + "/" + name
                if event.mask & UInt32(IN_ISDIR) != 0 {
                    if event.mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 {
                        try? watchTree(path)
                        changed.insert(path)  // a folder moved in brings its files
                    } else {
                        changed.insert(path)
                    }
                } else if !name.hasPrefix(".") {
                    changed.insert(path)
                }
            }
        }
        return changed
    }

    private func watchTree(_ folder: String) throws(PeerSearchError) {
        try watch(folder)
        guard let enumerator = FileManager.default.enumerator(
            at: URL(fileURLWithPath: folder), includingPropertiesForKeys: [.isDirectoryKey], options: [.skipsHiddenFiles]) else { return }
        for case let url as URL in enumerator where (try? url.resourceValues(forKeys: [.isDirectoryKey]))?.isDirectory == true {
            try watch(url.standardizedFileURL.path)
        }
    }

    private func watch(_ folder: String) throws(PeerSearchError) {
        let watch = inotify_add_watch(descriptor, folder, Self.mask)
        guard watch >= 0 else { throw .watchFailed("\(folder): \(String(cString: strerror(errno)))") }
        folders[watch] = folder
    }
}
