/// How a file name's bytes are shown: file systems store bytes, and a corpus
/// unpacked from an archive made on Chinese Windows has GBK names.
public enum FileName {
    /// `bytes` as text: UTF-8 when they are valid UTF-8; else GB18030 (which
    /// covers GBK and GB2312) when they are valid GB18030; else UTF-8 with each
    /// byte of a malformed sequence written `\xNN` (two upper-case hex
    /// digits), so that names stay readable (a name that really holds `\x` and hex
    /// digits may then look like another).
    public static func display(_ bytes: some Collection<UInt8>) -> String {
        let array = Array(bytes)
        if let text = String(validating: array, as: UTF8.self) { return text }
        if let text = TextDecoder.decode(array, charset: "GB18030") { return text }
        var result = ""
        // One scalar at a time, each with a fresh decoder (a decoder buffers
        // bytes past an error), so that each bad byte is escaped on its own.
        var index = 0
        while index < array.count {
            var one = array[index...].makeIterator()
            var decoder = UTF8()
            switch decoder.decode(&one) {
            case .scalarValue(let scalar):
                result.unicodeScalars.append(scalar)
                index += String(scalar).utf8.count
            case .error, .emptyInput:
                result += "\\x" + String(array[index], radix: 16, uppercase: true).leftPadded(to: 2)
                index += 1
            }
        }
        return result
    }
}
