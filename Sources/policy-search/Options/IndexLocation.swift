import ArgumentParser
import PolicyIndex

/// Where the index lives: shared by every subcommand.
struct IndexLocation: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The index folder.", valueName: "dir"))
    var index: String = "Index"

    var directory: IndexDirectory { IndexDirectory(path: index) }
}
