import Foundation

/// Runs a command-line tool and collects its standard output.
enum ExternalTool {
    struct Result {
        var status: Int32
        var output: Data
    }

    static func run(_ tool: String, _ arguments: [String], timeout: TimeInterval) throws(IngestionError) -> Result {
        guard let executable = locate(tool) else { throw .toolMissing(tool) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
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
            throw .extractionFailed("\(tool) took longer than \(Int(timeout)) s and was stopped")
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
