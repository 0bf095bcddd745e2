import Foundation
import Testing

/// The search page in headless Chromium (Debian `chromium` and `chromium-driver`, driven by
/// Selenium from PyPI), against the real server over loopback: Tests/Browser/search_page.py
/// types, clicks and reads as a user would. With `PEERSEARCH_SCREENSHOTS=DIR` it keeps its
/// screenshots there (docs/screenshots/ holds those of a run).
@Suite struct BrowserTests {
    static let script = ServerProcess.packageRoot.appendingPathComponent("Tests/Browser/search_page.py")

    @Test(.timeLimit(.minutes(5))) func theSearchPageWorksInARealBrowser() async throws {
        // The seed articles and a few more, in folders, with authors, sources and dates.
        let web = ServerProcess.packageRoot.appendingPathComponent("Tests/Fixtures/web")
        let server = try await ServerProcess(token: "s3cret", adding: [web.appendingPathComponent("noter"), web.appendingPathComponent("arkiv")])
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        var arguments = ["python3", Self.script.path, "http://127.0.0.1:\(server.port)", "s3cret"]
        if let folder = ProcessInfo.processInfo.environment["PEERSEARCH_SCREENSHOTS"] { arguments.append(folder) }
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let report = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(report)")
    }
}
