import Foundation

/// A folder under the system's temporary folder, removed when the value is released.
public final class TemporaryFolder: @unchecked Sendable {
    public let path: String

    public init(_ name: String = "policy-search-tests") {
        path = NSTemporaryDirectory() + "/\(name)-\(UUID().uuidString)"
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// A folder that lives as long as the process: for fixtures held in a `static let`, which Swift never
    /// releases, so that `deinit` alone would leave one folder behind per test run.
    public static func removedAtExit(_ name: String) -> TemporaryFolder {
        let folder = TemporaryFolder(name)
        ExitRemovals.add(folder.path)
        return folder
    }

    public func file(_ name: String) -> String { path + "/" + name }

    @discardableResult
    public func write(_ name: String, _ text: String) -> String {
        write(name, bytes: Array(text.utf8))
    }

    @discardableResult
    public func write(_ name: String, bytes: [UInt8]) -> String {
        let target = file(name)
        try! FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent,
                                                 withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: target, contents: Data(bytes))
        return target
    }

    public func setModified(_ name: String, secondsSince1970: TimeInterval) throws {
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: secondsSince1970)],
                                              ofItemAtPath: file(name))
    }
}

/// The paths of `TemporaryFolder.removedAtExit`, removed by one `atexit` handler.
private enum ExitRemovals {
    nonisolated(unsafe) static var paths: [String] = []
    static let lock = NSLock()
    static let registered: Void = {
        atexit {
            ExitRemovals.lock.lock()
            let paths = ExitRemovals.paths
            ExitRemovals.lock.unlock()
            for path in paths { try? FileManager.default.removeItem(atPath: path) }
        }
    }()

    static func add(_ path: String) {
        _ = registered
        lock.lock()
        paths.append(path)
        lock.unlock()
    }
}
