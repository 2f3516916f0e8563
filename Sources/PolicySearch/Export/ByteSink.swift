import Foundation

/// Where an export's bytes go: a file being written (``OutputFile``), standard
/// output, or a server's response body.
public protocol ByteSink {
    /// Writes all of `bytes` or throws.
    mutating func write(_ bytes: UnsafeRawBufferPointer) throws
}

extension ByteSink {
    /// Writes a string's UTF-8 bytes.
    public mutating func write(_ text: String) throws {
        var text = text
        try text.withUTF8 { try write(UnsafeRawBufferPointer($0)) }
    }
}

/// Collects bytes in memory (tests, small answers).
public struct MemorySink: ByteSink, Sendable {
    public private(set) var bytes: [UInt8] = []

    public init() {}

    public mutating func write(_ bytes: UnsafeRawBufferPointer) throws {
        self.bytes.append(contentsOf: bytes)
    }

    /// The bytes as UTF-8 text.
    public var text: String { String(decoding: bytes, as: UTF8.self) }
}

/// An error writing an output, with the file's name and the system's reason
/// ("No space left on device").
public struct OutputError: Error, CustomStringConvertible, Sendable, Equatable {
    public var file: String
    public var reason: String

    public init(file: String, reason: String) {
        self.file = file
        self.reason = reason
    }

    public var description: String { "cannot write \(file): \(reason)" }

    static func errno(_ file: String, _ code: Int32 = Glibc.errno) -> OutputError {
        OutputError(file: file, reason: String(cString: strerror(code)))
    }
}

/// Writes to a file descriptor in large pieces, buffering in between.
///
/// A reader that goes away (`| head`) ends the writing quietly when
/// ``endsQuietlyOnClosedPipe`` is set; any other failure, such as a full disk,
/// is an ``OutputError`` that names the destination.
public struct DescriptorSink: ByteSink {
    public let fd: Int32
    public let name: String
    public var endsQuietlyOnClosedPipe: Bool
    private var buffer: [UInt8] = []
    public private(set) var closedByReader = false

    public init(fd: Int32, name: String, endsQuietlyOnClosedPipe: Bool = false) {
        self.fd = fd
        self.name = name
        self.endsQuietlyOnClosedPipe = endsQuietlyOnClosedPipe
        buffer.reserveCapacity(1 << 16)
    }

    public mutating func write(_ bytes: UnsafeRawBufferPointer) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 16 { try flush() }
    }

    /// Writes what is buffered.
    public mutating func flush() throws {
        defer { buffer.removeAll(keepingCapacity: true) }
        guard !buffer.isEmpty, !closedByReader else { return }
        let name = self.name
        let quiet = endsQuietlyOnClosedPipe
        let fd = self.fd
        closedByReader = try buffer.withUnsafeBytes { raw -> Bool in
            var done = 0
            while done < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + done, raw.count - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    if errno == EPIPE && quiet { return true }
                    throw OutputError.errno(name)
                }
                done += n
            }
            return false
        }
    }
}
