import ArgumentParser
import PolicyIndex

struct CheckCommand: Subcommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Verify every checksum of the index."
    )

    @OptionGroup var location: IndexLocation

    func execute() throws {
        let reader = try IndexReader(directory: location.directory)
        for segment in reader.segments {
            try segment.verify()
            try say("\(segment.path): OK (\(IndexFormat.Section.allCases.count) sections, \(segment.byteCount) bytes)")
        }
    }
}
