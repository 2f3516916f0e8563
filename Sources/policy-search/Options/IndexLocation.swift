import ArgumentParser
import Foundation
import PolicyIndex

/// Where the index lives: shared by every subcommand.
struct IndexLocation: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The index folder.", valueName: "dir"))
    var index: String = "Index"

    var directory: IndexDirectory { IndexDirectory(path: index) }
}

/// Prints an error as one line on standard error and exits with status 2.
func fail(_ error: Error) -> ExitCode {
    let message: String
    switch error {
    case let error as CustomStringConvertible: message = error.description
    default: message = error.localizedDescription
    }
    FileHandle.standardError.write(Data("policy-search: error: \(message)\n".utf8))
    return ExitCode(2)
}

/// Prints a line on standard error.
func note(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// A query argument read with `.allUnrecognized` also collects mistyped
/// options such as `--limt`: say so, rather than search for them.
func rejectMistypedOptions(in query: [String]) throws {
    if let option = query.first(where: { $0.hasPrefix("--") && $0.count > 2 }) {
        throw fail(ValidationError("unknown option '\(option)' (to search for it, quote it: '\"\(option)\"')"))
    }
}
