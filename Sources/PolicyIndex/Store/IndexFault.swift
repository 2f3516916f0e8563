import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Points in a build where a test can make the process die, to prove that a
/// build killed there leaves the previous index in force.
///
/// Set the environment variable `POLICY_SEARCH_FAULT` to a point's name: the
/// process exits at once (status 86, no clean-up) when it gets there; or to
/// `disk-full`, to make writes fail as on a full disk. Only in debug builds
/// (the ones `swift test` runs): a shipped, release binary reads no such
/// variable and never exits on its own.
enum IndexFault: String, Sendable {
    case afterAnalysis = "after-analysis"
    case duringSegmentWrite = "during-segment-write"
    case beforeSegmentRename = "before-segment-rename"
    case beforeManifestRename = "before-manifest-rename"
    case beforeCleanup = "before-cleanup"
    /// Not a crash: every file write fails with "No space left on device" once
    /// a file has 8 KiB, as on a full disk.
    case diskFull = "disk-full"

    static let diskFullLimit = 8 << 10

    #if DEBUG
    static let armed: IndexFault? = ProcessInfo.processInfo.environment["POLICY_SEARCH_FAULT"].flatMap(IndexFault.init)
    #else
    static let armed: IndexFault? = nil
    #endif

    static func reach(_ point: IndexFault) throws {
        if armed == point { _exit(86) }
    }
}
