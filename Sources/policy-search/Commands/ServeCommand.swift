import ArgumentParser
import Dispatch
import Foundation
import PolicySearch
import PolicyServer

struct ServeCommand: Subcommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the search as a local web app (pages, downloads and a JSON API).",
        discussion: """
            Opens the index (building it on first use, as `search` does) and serves it read-only at \
            http://127.0.0.1:8080/ until interrupted (Ctrl-C or SIGTERM). A generation that `index` \
            commits meanwhile is served from the next request on. Serving beyond this machine \
            (--host other than 127.x, ::1 or localhost) needs --token-file: a file holding a secret \
            that browsers give once as ?token=… and scripts as `Authorization: Bearer …`.

            Examples:
              policy-search serve
              policy-search serve --port 9000 --index /tmp/idx
              policy-search serve --host 0.0.0.0 --token-file ~/.policy-search-token
            """
    )

    @Option(name: .long, help: ArgumentHelp("The address to listen on.", valueName: "address"))
    var host: String = "127.0.0.1"

    @Option(name: .long, help: ArgumentHelp("The port to listen on (0: any free port).", valueName: "port"))
    var port: Int = 8080

    @Option(name: .long, help: ArgumentHelp("A file holding the access token (required beyond loopback).", valueName: "file"))
    var tokenFile: String?

    @OptionGroup var source: SearchIndexOptions

    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    func execute() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port \(port) is not a port (0 to 65535)") }
        var token: String?
        if let tokenFile {
            guard RegularFile.isReadable(tokenFile), let text = try? String(contentsOfFile: tokenFile, encoding: .utf8) else {
                throw ValidationError("cannot read the token file \(tokenFile)")
            }
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard trimmed.count >= 16, !trimmed.contains(where: { $0.isWhitespace || $0 == ";" }) else {
                throw ValidationError("the token in \(tokenFile) must be at least 16 characters, without spaces or ;")
            }
            token = trimmed
        }
        guard Self.isLoopback(host) || token != nil else {
            throw ValidationError("serving on \(host) reaches beyond this machine: give --token-file FILE (or --host 127.0.0.1)")
        }
        let index = try source.open()
        let service = SearchService(index: index)
        let app = PolicyServer.makeApplication(service: service, host: host, port: port, token: token) { url in
            FileHandle.standardOutput.write(Data("policy-search: serving \(url)\n".utf8))
        }
        let outcome = Outcome()
        let done = DispatchSemaphore(value: 0)
        Task {
            do { try await app.runService() } catch { outcome.set(error) }
            done.signal()
        }
        done.wait()
        if let error = outcome.error { throw error }
    }
}

/// The error a server ended with, handed from its task to the command.
private final class Outcome: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Error?
    func set(_ error: Error) { lock.lock(); stored = error; lock.unlock() }
    var error: Error? { lock.lock(); defer { lock.unlock() }; return stored }
}
