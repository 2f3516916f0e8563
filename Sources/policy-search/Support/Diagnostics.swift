import ArgumentParser
import Foundation
import PolicyIndex
import PolicySearch

/// Writes a line on standard error. A standard error that cannot be written
/// (`2>/dev/full`, closed) loses the line, never the process.
func note(_ message: String) {
    let line = TerminalText.visible(message) + "\n"
    line.utf8CString.withUnsafeBufferPointer { buffer in
        var done = 0
        let count = buffer.count - 1
        while done < count {
            let n = Glibc.write(STDERR_FILENO, buffer.baseAddress! + done, count - done)
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return }
            done += n
        }
    }
}

/// The one line an error is told in, with advice where the CLI has some.
func message(for error: Error) -> String {
    switch error {
    case IndexError.corrupt, IndexError.incompatible:
        return "\(error): rebuild it with `policy-search index --rebuild`"
    case IndexError.locked:
        return "\(error): wait for it to finish"
    case IndexError.foreign:
        return "\(error); move it, or give another --index folder"
    case IndexError.missing(let folder):
        return "\(error): build one with `policy-search index CORPUS --index \(folder)`"
    case let error as CustomStringConvertible:
        return error.description
    default:
        return error.localizedDescription
    }
}

/// Prints an error as one line on standard error; the status to exit with (2).
func fail(_ error: Error) -> ExitCode {
    if let code = error as? ExitCode { return code }
    note("policy-search: error: \(message(for: error))")
    return ExitCode(2)
}

/// A subcommand whose errors all end the same way: one line on standard
/// error and exit status 2 (`ExitCode`s it throws pass through).
protocol Subcommand: ParsableCommand {
    /// The command's work.
    func execute() throws
}

extension Subcommand {
    func run() throws {
        do {
            try execute()
        } catch {
            throw fail(error)
        }
    }
}

/// A query argument read with `.allUnrecognized` also collects mistyped
/// options such as `--limt`: say so, rather than search for them. A lone `--`
/// ends the options, as in every Unix tool, and is not part of the query.
func queryText(_ arguments: [String]) throws -> String {
    var words = arguments
    if let end = words.firstIndex(of: "--") {
        if let option = words[..<end].first(where: { $0.hasPrefix("--") && $0.count > 2 }) {
            throw ValidationError("unknown option '\(option)' (to search for it, quote it: '\"\(option)\"')")
        }
        words.remove(at: end)
        return words.joined(separator: " ")
    }
    if let option = words.first(where: { $0.hasPrefix("--") && $0.count > 2 }) {
        throw ValidationError("unknown option '\(option)' (to search for it, quote it: '\"\(option)\"')")
    }
    return words.joined(separator: " ")
}

/// Document text shown in a terminal: control characters (ESC, BEL, C1 …)
/// from documents and file names are shown as visible escapes (`\x1b`), so a
/// document cannot move the cursor, retitle the window or hide text.
enum TerminalText {
    static func visible(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            if isControl(scalar) {
                result += "\\x" + String(scalar.value, radix: 16).leftPadded(to: 2)
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// C0 (but line feed and tab) and C1 controls, DEL.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value < 0x20 && scalar != "\n" && scalar != "\t") || (0x7F...0x9F).contains(scalar.value)
    }
}

extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}

/// Files named on the command line that are read whole.
enum RegularFile {
    /// Whether `path` is a regular file (or a link to one): a FIFO or a device
    /// would block or never end.
    static func isReadable(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFREG
    }
}
