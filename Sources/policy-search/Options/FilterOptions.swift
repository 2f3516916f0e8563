import ArgumentParser
import Foundation
import PolicySearch

/// Filters on document metadata as options, the same as `region:贵州` …
/// written in the query.
struct FilterOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Only documents of this region (贵州, 全国 …).", valueName: "text"))
    var region: String?

    @Option(name: .long, help: ArgumentHelp("Only documents issued by this body (国务院 …).", valueName: "text"))
    var issuer: String?

    @Option(name: .long, help: ArgumentHelp("Only documents of this type (规划, 行动计划, 通知 …).", valueName: "text"))
    var type: String?

    @Option(name: .long, help: ArgumentHelp("Only documents of this level (国家级, 省级, 市级).", valueName: "text"))
    var level: String?

    @Option(name: .long, help: ArgumentHelp("Only documents of this year or range of years (2016..2017).", valueName: "years"))
    var year: String?

    var filters: [Query.Filter] {
        [("region", region), ("issuer", issuer), ("type", type), ("level", level), ("year", year)].compactMap { field, value in
            value.map { Query.Filter(field: field, value: $0) }
        }
    }

    func validate() throws {
        for filter in filters {
            if filter.value.trimmingCharacters(in: .whitespaces).isEmpty {
                throw ValidationError("--\(filter.field) needs a value (an empty one would match nothing)")
            }
            if filter.field == "year", filter.years == nil {
                throw ValidationError("--year \(filter.value) is not a year or a range of years such as 2016..2017")
            }
        }
    }

    /// Parses a query and adds these filters to it.
    func query(_ text: String) throws -> Query {
        var query = try QueryParser.parse(text)
        query.filters += filters
        return query
    }
}
