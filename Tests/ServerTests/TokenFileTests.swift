import Foundation
import Testing

/// The write token read from a file (`serve --token-file FILE`, or the settings file's
/// `token-file`), so it is never on a command line or in the settings: uploads need that token.
@Suite struct TokenFileTests {
    /// A folder with a token file and a settings file naming it, removed afterwards.
    final class Secrets {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("peersearch-token-\(UUID().uuidString)")
        var tokenFile: String { folder.appendingPathComponent("token").path }
        var settingsFile: String { folder.appendingPathComponent("peersearch.conf").path }

        init(token: String) throws {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data("\(token)\n".utf8).write(to: URL(fileURLWithPath: tokenFile))
            try Data("# the server's settings\ntoken-file = \(tokenFile)\n".utf8).write(to: URL(fileURLWithPath: settingsFile))
        }

        deinit { try? FileManager.default.removeItem(at: folder) }
    }

    @Test(arguments: ["--token-file", "--config"])
    func uploadsNeedTheTokenFromTheFile(option: String) async throws {
        let secrets = try Secrets(token: "fil-hemmelighed")
        let file = option == "--token-file" ? secrets.tokenFile : secrets.settingsFile
        let server = try await ServerProcess(extraArguments: [option, file])
        let article: [String: Any] = ["id": "nyt/token", "text": "Om kaffeklubben i netværket"]
        #expect(try await server.upload(article, token: "forkert").status == 401)
        #expect(try await server.upload(article, token: nil).status == 401)
        let accepted = try await server.upload(article, token: "fil-hemmelighed")
        #expect(accepted.status == 201, "\(String(decoding: accepted.body, as: UTF8.self)) \(server.log)")
    }

    @Test func anUnreadableTokenFileStopsTheServerWithOneLine() throws {
        let folder = FileManager.default.temporaryDirectory
        let run = try ServerProcess.runToEnd(["serve", "--index", "Index", "--token-file", "/nonexistent/token"], in: folder)
        #expect(run.status == 2)
        #expect(run.stderr.contains("cannot read the token file '/nonexistent/token'"), "\(run.stderr)")
    }
}
