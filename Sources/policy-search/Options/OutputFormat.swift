import ArgumentParser

/// The output of commands that print for people or for programs.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}
