import ArgumentParser
import PolicyIndex

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Verify every checksum of the index."
    )

    @OptionGroup var location: IndexLocation

    func run() throws {
        do {
            let reader = try IndexReader(directory: location.directory)
            for segment in reader.segments {
                try segment.verify()
                print("\(segment.path): OK (\(IndexFormat.Section.allCases.count) sections, \(segment.byteCount) bytes)")
            }
        } catch {
            throw fail(error)
        }
    }
}
