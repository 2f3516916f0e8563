/// Writes one JSON object on one line, with its fields in the order given.
///
/// Foundation's JSONEncoder orders keys by hash on Linux, differently on each
/// run; a hit list must read the same every time (rank first, text last-ish),
/// and `--all` writes hundreds of thousands of lines, so this is written
/// directly, as UTF-8 bytes: appending runs of bytes costs less than growing
/// a String piece by piece (the web app builds ten hits' JSON per request).
public struct JSONLine {
    private var bytes: [UInt8]
    private var first = true

    /// An empty object.
    public init() {
        bytes = [0x7B]
        bytes.reserveCapacity(512)
    }

    /// Adds a field whose value is JSON already (an object or an array).
    public mutating func field(_ name: String, json: String) {
        key(name)
        bytes.append(contentsOf: json.utf8)
    }

    private mutating func key(_ name: String) {
        if !first { bytes.append(0x2C) }
        first = false
        Self.appendString(name, to: &bytes)
        bytes.append(0x3A)
    }

    public mutating func field(_ name: String, _ value: String) {
        key(name)
        Self.appendString(value, to: &bytes)
    }

    public mutating func field(_ name: String, _ value: Int) {
        key(name)
        bytes.append(contentsOf: String(value).utf8)
    }

    /// A number, or null when there is none.
    public mutating func field(_ name: String, _ value: Int?) {
        key(name)
        bytes.append(contentsOf: (value.map(String.init) ?? "null").utf8)
    }

    public mutating func field(_ name: String, _ value: Double) {
        key(name)
        bytes.append(contentsOf: (value.isFinite ? "\(value)" : "null").utf8)
    }

    public mutating func field(_ name: String, _ values: [String]) {
        key(name)
        bytes.append(0x5B)
        for (index, value) in values.enumerated() {
            if index > 0 { bytes.append(0x2C) }
            Self.appendString(value, to: &bytes)
        }
        bytes.append(0x5D)
    }

    /// The object so far, without its closing brace: for a caller that
    /// appends fields of its own text after these.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// The finished object.
    public var line: String {
        var whole = bytes
        whole.append(0x7D)
        return String(decoding: whole, as: UTF8.self)
    }

    /// Appends `value` as a JSON string: quoted, with quotes, backslashes and
    /// control characters escaped, everything else as is.
    static func appendString(_ value: String, to output: inout [UInt8]) {
        output.append(0x22)
        var value = value
        value.withUTF8 { units in
            var start = 0
            for i in units.indices {
                let unit = units[i]
                guard unit < 0x20 || unit == 0x22 || unit == 0x5C else { continue }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: units[start..<i]))
                switch unit {
                case 0x22: output.append(contentsOf: [0x5C, 0x22])
                case 0x5C: output.append(contentsOf: [0x5C, 0x5C])
                case 0x0A: output.append(contentsOf: [0x5C, 0x6E])
                case 0x0D: output.append(contentsOf: [0x5C, 0x72])
                case 0x09: output.append(contentsOf: [0x5C, 0x74])
                default:
                    let hex = Array("0123456789abcdef".utf8)
                    output.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(unit >> 4)], hex[Int(unit & 0xF)]])
                }
                start = i + 1
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: units[start...]))
        }
        output.append(0x22)
    }
}
