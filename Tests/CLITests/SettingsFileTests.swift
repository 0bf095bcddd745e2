import Foundation
import Testing

/// The settings file (`--config FILE`, `$PEERSEARCH_CONFIG`, /etc/peersearch/peersearch.conf on a
/// server): its folders, index and archive are what `index`, `watch`, `search` and `remove` use
/// when no option says otherwise; options on the command line win; a bad file is one line, exit 2.
@Suite struct SettingsFileTests {
    let workspace: Workspace
    var settingsIndex: String { workspace.root.appendingPathComponent("lib/index").path }
    var settingsArchive: String { workspace.root.appendingPathComponent("lib/archive").path }
    var settingsPath: String { workspace.root.appendingPathComponent("peersearch.conf").path }

    init() throws {
        workspace = try Workspace()
        // As /var/lib/peersearch on a server: the folder that holds the index and the archive.
        try FileManager.default.createDirectory(at: workspace.root.appendingPathComponent("lib"), withIntermediateDirectories: true)
    }

    /// Writes the settings file with these lines after a comment.
    func writeSettings(_ lines: [String]) throws {
        let text = "# written by SettingsFileTests\n\n" + lines.joined(separator: "\n") + "\n"
        try Data(text.utf8).write(to: URL(fileURLWithPath: settingsPath))
    }

    var standardSettings: [String] {
        ["folder = \(workspace.corpus.path)", "  # an indented comment", "index = \(settingsIndex)",
         "archive=\(settingsArchive)", "port = 8099", "ocr = off"]
    }

    @Test func indexAndSearchUseTheSettingsFilesFoldersAndIndex() throws {
        try writeSettings(standardSettings)
        let indexed = try workspace.peersearch("index", "--config", settingsPath)
        #expect(indexed.status == 0, "\(indexed.stderr)")
        #expect(indexed.stdout.contains(" new,"))
        #expect(FileManager.default.fileExists(atPath: settingsIndex))
        #expect(!FileManager.default.fileExists(atPath: workspace.root.appendingPathComponent("Index").path))

        let found = try workspace.peersearch("search", "\"erfaringer får en anden værdi\"", "--config", settingsPath)
        #expect(found.status == 0, "\(found.stderr)")
        #expect(found.stdout.contains(Workspace.portrait))

        // $PEERSEARCH_CONFIG names the file as --config does.
        let fromEnvironment = try workspace.runner.run(["search", "--count", "\"erfaringer får en anden værdi\""],
                                                       environment: ["PEERSEARCH_CONFIG": settingsPath])
        #expect(fromEnvironment.status == 0, "\(fromEnvironment.stderr)")

        // --stdin articles go to the settings file's archive.
        let added = try workspace.runner.run(["index", "--stdin", "--id", "nyt/1", "--config", settingsPath],
                                             input: "Peer-nyt\nEt nyt ord: kaffeklubben.\n")
        #expect(added.status == 0, "\(added.stderr)")
        #expect(FileManager.default.fileExists(atPath: settingsArchive + "/nyt/1.txt"))
    }

    @Test func commandLineOptionsWinOverTheSettingsFile() throws {
        try writeSettings(standardSettings)
        let other = workspace.root.appendingPathComponent("Other").path
        let onlyOne = workspace.root.appendingPathComponent("one")
        try FileManager.default.createDirectory(at: onlyOne, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: workspace.corpus.appendingPathComponent(Workspace.portrait),
                                         to: onlyOne.appendingPathComponent(Workspace.portrait))
        let indexed = try workspace.peersearch("index", onlyOne.path, "--index", other, "--config", settingsPath)
        #expect(indexed.status == 0, "\(indexed.stderr)")
        #expect(indexed.stdout.hasPrefix("1 new,"), "\(indexed.stdout)")
        #expect(!FileManager.default.fileExists(atPath: settingsIndex))

        // $PEERSEARCH_INDEX wins over the file's index, too.
        let count = try workspace.runner.run(["search", "--count", "peer", "--config", settingsPath],
                                             environment: ["PEERSEARCH_INDEX": other])
        #expect(count.status == 0 && count.stdout == "1\n", "\(count.stdout) \(count.stderr)")
    }

    @Test func aBadSettingsFileIsOneLineNamingTheFileAndLine() throws {
        try writeSettings(["index = \(settingsIndex)", "fodler = /srv/arkiv"])
        let unknown = try workspace.peersearch("search", "peer", "--config", settingsPath)
        #expect(unknown.status == 2)
        #expect(unknown.stderrLines.count == 1)
        #expect(!unknown.stderr.contains("--help"))
        #expect(unknown.stderr.contains("\(settingsPath), line 4: unknown key 'fodler'"), "\(unknown.stderr)")

        try writeSettings(["port = otte"])
        let port = try workspace.peersearch("serve", "--config", settingsPath)
        #expect(port.status == 2)
        #expect(port.stderr.contains("line 3: port must be a number from 1 to 65535, not 'otte'"), "\(port.stderr)")

        try writeSettings(["ocr = maybe"])
        #expect(try workspace.peersearch("stats", "--config", settingsPath).stderr.contains("ocr must be on or off"))

        let missing = try workspace.peersearch("stats", "--config", workspace.root.appendingPathComponent("nope.conf").path)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("cannot read the settings file"), "\(missing.stderr)")
    }

    @Test func aSettingsFileWithoutFoldersSaysSoInsteadOfIndexingCorpus() throws {
        try writeSettings(["index = \(settingsIndex)"])
        for command in ["index", "watch"] {
            let run = try workspace.peersearch(command, "--config", settingsPath)
            #expect(run.status == 2)
            #expect(run.stderr.contains("no folders to index: give them, or add `folder = /path/to/articles` to \(settingsPath)"),
                    "\(command): \(run.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: settingsIndex))
    }
}
