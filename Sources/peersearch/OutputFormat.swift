import ArgumentParser

/// `--format` of the commands that print one thing (`show`, `stats`): text for people, or JSON,
/// as `search --format json`.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}
