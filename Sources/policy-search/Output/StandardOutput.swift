import Foundation
import PolicySearch

/// Standard output, written in large pieces. A reader that goes away
/// (`| head`) ends the writing quietly; any other failure (`>/dev/full`) is an
/// error naming standard output, so the command exits 2 instead of 0.
struct BufferedOutput {
    private var sink = DescriptorSink(fd: STDOUT_FILENO, name: "standard output", endsQuietlyOnClosedPipe: true)

    mutating func write(_ text: String) throws { try sink.write(text) }

    mutating func flush() throws { try sink.flush() }
}

/// Writes a line on standard output at once, or throws.
func say(_ text: String) throws {
    var output = BufferedOutput()
    try output.write(text + "\n")
    try output.flush()
}
