import Foundation

/// Why a document's text could not be extracted: one line, for the build
/// report's list of skipped files (which names the file).
public struct ExtractionError: Error, CustomStringConvertible, Sendable {
    public var reason: String
    public var description: String { reason }

    public init(_ reason: String) { self.reason = reason }
}
