import CICU

/// An ICU transliterator, such as "Traditional-Simplified". Not thread-safe.
final class ICUTransliterator {
    private let handle: OpaquePointer

    init(_ identifier: String) throws {
        var status: Int32 = 0
        guard let handle = cicu_transliterator_open(identifier, &status) else {
            throw ICU.Failure(operation: "transliterator \(identifier)", code: status)
        }
        self.handle = handle
    }

    deinit { cicu_transliterator_close(handle) }

    func transliterate(_ units: [UInt16]) throws -> [UInt16] {
        var buffer = units + [UInt16](repeating: 0, count: max(8, units.count * 2))
        var status: Int32 = 0
        var length = cicu_transliterate(handle, &buffer, Int32(units.count), Int32(buffer.count), &status)
        if Int(length) > buffer.count {
            buffer = units + [UInt16](repeating: 0, count: Int(length))
            length = cicu_transliterate(handle, &buffer, Int32(units.count), Int32(buffer.count), &status)
        }
        try ICU.check(status, "transliteration")
        return Array(buffer.prefix(Int(length)))
    }
}
