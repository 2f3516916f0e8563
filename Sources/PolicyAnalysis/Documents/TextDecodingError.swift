/// Why a file's bytes could not be read as text.
public struct TextDecodingError: Error, CustomStringConvertible, Sendable {
    public var reason: String
    public var description: String { reason }
}
