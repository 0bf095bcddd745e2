import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs the built binary and reports what it cost: its peak resident memory, as the kernel
/// counted it for that one process (`wait4`), and the time it took. Foundation's `Process`
/// waits for its children itself, so this one is started with `posix_spawn`.
extension CommandRunner {
    struct Measured {
        var output: Output
        /// Peak resident set size, in bytes.
        var peakBytes: Int
        var seconds: Double
    }

    /// Runs the binary with `arguments` (paths in them absolute: it runs in this process's folder).
    func measure(_ arguments: [String]) throws -> Measured {
        let outPath = workingDirectory.appendingPathComponent(".stdout-\(UUID().uuidString)").path
        let errPath = workingDirectory.appendingPathComponent(".stderr-\(UUID().uuidString)").path
        defer {
            try? FileManager.default.removeItem(atPath: outPath)
            try? FileManager.default.removeItem(atPath: errPath)
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let environment = ProcessInfo.processInfo.environment.filter { $0.key != "PEERSEARCH_INDEX" }.map { "\($0.key)=\($0.value)" }
        let argv = ([Self.binary.path] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup($0) } + [nil]
        defer { (argv + envp).forEach { free($0) } }

        let start = ContinuousClock.now
        var pid = pid_t()
        let spawned = posix_spawn(&pid, Self.binary.path, &actions, nil, argv, envp)
        guard spawned == 0 else { throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .EINVAL) }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 {
            guard errno == EINTR else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EINVAL) }
        }
        let elapsed = ContinuousClock.now - start
        // The exit status when the process exited, else 128 + the signal that ended it.
        let exitStatus = status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + status & 0x7F
        let output = Output(status: exitStatus, stdout: try String(contentsOfFile: outPath, encoding: .utf8),
                            stderr: try String(contentsOfFile: errPath, encoding: .utf8))
        return Measured(output: output, peakBytes: usage.ru_maxrss * 1024,
                        seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }
}
