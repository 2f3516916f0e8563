#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a helper program (pdftotext, soffice) with `posix_spawn`, its standard
/// output and error going to files in a private temporary folder, so that no
/// pipe can fill up and block it, with a time limit after which it is killed.
///
/// Safe to call from several threads at once (each call has its own folder).
struct ExternalProcess {
    struct Result {
        var status: Int32
        var stdout: [UInt8]
        var stderr: String
        var timedOut: Bool
    }

    /// Looks a program up in `PATH` (then in /usr/bin and /usr/local/bin).
    static func find(_ program: String) -> String? {
        if program.contains("/") { return access(program, X_OK) == 0 ? program : nil }
        let path = getenv("PATH").map { String(cString: $0) } ?? ""
        let folders = path.split(separator: ":").map(String.init) + ["/usr/bin", "/usr/local/bin"]
        return folders.lazy.map { $0 + "/" + program }.first { access($0, X_OK) == 0 }
    }

    /// Runs `executable` with `arguments` (not through a shell), waiting at most `timeout` seconds.
    static func run(_ executable: String, _ arguments: [String], timeout: Double = 120,
                    environment extra: [String: String] = [:]) throws -> Result {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let outPath = folder.path + "/stdout"
        let errPath = folder.path + "/stderr"

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)

        var environment: [String: String] = [:]
        var index = 0
        while let entry = environ[index] {
            let text = String(cString: entry)
            if let equals = text.firstIndex(of: "=") {
                environment[String(text[..<equals])] = String(text[text.index(after: equals)...])
            }
            index += 1
        }
        environment.merge(extra) { $1 }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup($0.key + "=" + $0.value) } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        guard spawned == 0 else {
            throw ExtractionError("cannot run \(executable): \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        var timedOut = false
        let deadline = monotonicSeconds() + timeout
        var pause: useconds_t = 2_000
        while true {
            let done = waitpid(pid, &status, WNOHANG)
            if done == pid { break }
            if done < 0, errno != EINTR { break }
            if monotonicSeconds() > deadline {
                kill(pid, SIGKILL)
                _ = waitpid(pid, &status, 0)
                timedOut = true
                break
            }
            usleep(pause)
            pause = min(pause * 2, 100_000)
        }
        let exitStatus: Int32 = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        let stdout = (try? FileReader.bytes(atPath: outPath)) ?? []
        let stderr = String(decoding: (try? FileReader.bytes(atPath: errPath)) ?? [], as: UTF8.self)
        return Result(status: exitStatus, stdout: stdout, stderr: stderr, timedOut: timedOut)
    }

    private static func monotonicSeconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }
}
