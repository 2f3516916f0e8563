import Testing

@testable import PolicySearch

@Suite struct PartMatcherTests {
    /// Whether `cover` covers every character of a part with `pairs` pairs.
    func covers(_ cover: [Int], pairs: Int) -> Bool {
        (0...pairs).allSatisfy { c in cover.contains(c) || cover.contains(c - 1) }
    }

    @Test func theCheapestCoverSkipsCommonPairs() {
        // 个人信息保护: 个人 人信 信息 息保 保护, with 信息 and 保护's neighbours rare.
        #expect(PartMatcher.cheapestCover([5, 1, 5, 1, 5]) == [0, 1, 3, 4])
        #expect(PartMatcher.cheapestCover([7]) == [0])
        #expect(PartMatcher.cheapestCover([1, 1]) == [0, 1])
    }

    @Test func theCoverIsTheCheapestOfAllValidOnes() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            let m = Int.random(in: 1...9, using: &generator)
            let costs = (0..<m).map { _ in Int.random(in: 1...1000, using: &generator) }
            let cover = PartMatcher.cheapestCover(costs)
            #expect(covers(cover, pairs: m))
            var cheapest = Int.max
            for mask in 0..<(1 << m) {
                let set = (0..<m).filter { mask & (1 << $0) != 0 }
                if covers(set, pairs: m) { cheapest = min(cheapest, set.map { costs[$0] }.reduce(0, +)) }
            }
            #expect(cover.map { costs[$0] }.reduce(0, +) == cheapest)
        }
    }
}
