import ArgumentParser
import PeerSearchCore

/// `peersearch remove`: drop articles from the index.
struct RemoveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove",
        abstract: "Remove the articles of files, or of every file under folders, from the index.",
        discussion: "The files need not exist any more. Prints how many articles were removed; exits 1 when none was."
    )

    @Argument(help: "Files or folders whose articles to remove.", completion: .file())
    var paths: [String]

    @OptionGroup var index: IndexOption

    func validate() throws {
        try index.validateSingle()
    }

    @Flag(help: "Wait for another peersearch writer to finish instead of failing.")
    var wait = false

    func run() throws {
        var options = Indexer.Options()
        options.waitForLock = wait
        options.archiveFolder = try index.settings().archive
        let removed = try Indexer(indexPath: try index.path(), options: options).remove(paths: paths)
        print("\(removed) removed")
        if removed == 0 { throw ExitCode(1) }
    }
}
