/// Text decoded from a file's bytes, with the encoding it was found in.
public struct DecodedText: Sendable {
    public var text: String
    /// The encoding's name: "UTF-8", "GB18030", "Big5", "UTF-16LE" ...
    public var encoding: String
    /// Something a user should know, such as bytes that had to be replaced.
    public var warning: String?
}
