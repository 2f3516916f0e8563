/// Writes one JSON object on one line, with its fields in the order given.
///
/// Foundation's JSONEncoder orders keys by hash on Linux, differently on each
/// run; a hit list must read the same every time (rank first, text last-ish),
/// and `--all` writes hundreds of thousands of lines, so this is written
/// directly.
public struct JSONLine {
    public private(set) var text = "{"
    private var first = true

    /// An empty object.
    public init() {}

    /// Adds a field whose value is JSON already (an object or an array).
    public mutating func field(_ name: String, json: String) {
        key(name)
        text += json
    }

    private mutating func key(_ name: String) {
        if !first { text += "," }
        first = false
        Self.appendString(name, to: &text)
        text += ":"
    }

    public mutating func field(_ name: String, _ value: String) {
        key(name)
        Self.appendString(value, to: &text)
    }

    public mutating func field(_ name: String, _ value: Int) {
        key(name)
        text += String(value)
    }

    /// A number, or null when there is none.
    public mutating func field(_ name: String, _ value: Int?) {
        key(name)
        text += value.map(String.init) ?? "null"
    }

    public mutating func field(_ name: String, _ value: Double) {
        key(name)
        text += value.isFinite ? "\(value)" : "null"
    }

    public mutating func field(_ name: String, _ values: [String]) {
        key(name)
        text += "["
        for (index, value) in values.enumerated() {
            if index > 0 { text += "," }
            Self.appendString(value, to: &text)
        }
        text += "]"
    }

    /// The finished object.
    public var line: String { text + "}" }

    public static func appendString(_ value: String, to output: inout String) {
        output += "\""
        var plain = true
        for unit in value.utf8 where unit < 0x20 || unit == 0x22 || unit == 0x5C {
            plain = false
            break
        }
        if plain {
            output += value
        } else {
            for scalar in value.unicodeScalars {
                switch scalar {
                case "\"": output += "\\\""
                case "\\": output += "\\\\"
                case "\n": output += "\\n"
                case "\r": output += "\\r"
                case "\t": output += "\\t"
                case _ where scalar.value < 0x20:
                    output += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
                        + String(scalar.value, radix: 16)
                default: output.unicodeScalars.append(scalar)
                }
            }
        }
        output += "\""
    }
}
