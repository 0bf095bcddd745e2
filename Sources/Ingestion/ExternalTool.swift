import Foundation

/// Runs a command-line tool and collects its standard output, stopping it after a time limit,
/// so a hostile file cannot hang a run, and a crash of the tool is only this file's failure.
enum ExternalTool {
    struct Result {
        var status: Int32
        var output: Data
    }

    /// Runs `tool` (from the Debian package `package`, named when it is missing), with
    /// `environment` added to this process's.
    static func run(_ tool: String, _ arguments: [String], package: String, timeout: TimeInterval,
                    environment: [String: String] = [:]) throws(IngestionError) -> Result {
        guard let executable = locate(tool) else { throw .toolMissing(tool: tool, package: package) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        let start = Date()
        do {
            try process.run()
        } catch {
            throw .extractionFailed("could not run \(tool): \(error.localizedDescription)")
        }
        let deadline = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: deadline)
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        deadline.cancel()
        if process.terminationReason == .uncaughtSignal {
            if Date().timeIntervalSince(start) >= timeout {
                throw .extractionFailed("\(tool) took longer than \(Int(timeout)) s and was stopped")
            }
            throw .extractionFailed("\(tool) crashed on it (signal \(process.terminationStatus))")
        }
        return Result(status: process.terminationStatus, output: data)
    }

    private static func locate(_ tool: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(tool)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}
