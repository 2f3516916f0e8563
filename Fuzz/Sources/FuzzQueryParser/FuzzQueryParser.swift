import PolicySearch

/// libFuzzer's entry: any bytes, read as UTF-8, must parse or throw a
/// QueryError — and what parses must parse again from its own description
/// to the same query (suggestions are written back that way): the same
/// parts, exclusions and filters (a part may come back marked quoted, which
/// changes no match).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzQueryParser(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let query = try? QueryParser.parse(text) else { return 0 }
    guard let again = try? QueryParser.parse(query.description), again.description == query.description,
        again.required.map({ $0.map(\.text) }) == query.required.map({ $0.map(\.text) }),
        again.excluded.map(\.text) == query.excluded.map(\.text), again.filters == query.filters
    else {
        fatalError("\(query.description) does not parse back to the same query")
    }
    return 0
}
