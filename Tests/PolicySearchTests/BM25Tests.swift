import Foundation
import Testing

@testable import PolicySearch

/// BM25 against values computed by hand from the definition in BM25.swift.
@Suite struct BM25Tests {
    @Test func idfIsLucenes() {
        let bm25 = BM25()
        // ln(1 + (10 - 1 + 0.5) / (1 + 0.5)) = ln(7.333…)
        #expect(abs(bm25.idf(documentFrequency: 1, passageCount: 10) - 1.992430164690206) < 1e-12)
        // A term in every passage still weighs a little: ln(1 + 0.5 / 10.5).
        #expect(abs(bm25.idf(documentFrequency: 10, passageCount: 10) - 0.04652001563489282) < 1e-12)
    }

    @Test func termFrequencySaturatesAndLengthNormalizes() {
        let bm25 = BM25(minimumLength: 0)
        // tf 2, a passage twice the average: 1 · 2 · 2.2 / (2 + 1.2 · (0.25 + 0.75 · 2)) = 4.4 / 4.1
        #expect(abs(bm25.score(termFrequency: 2, passageLength: 10, averageLength: 5, idf: 1) - 4.4 / 4.1) < 1e-12)
        // tf 1 at the average length: idf · 2.2 / 2.2 = idf
        #expect(abs(bm25.score(termFrequency: 1, passageLength: 5, averageLength: 5, idf: 3) - 3) < 1e-12)
        // b = 0 ignores length; k1 = 0 ignores frequency.
        let flat = BM25(k1: 1.2, b: 0)
        #expect(flat.score(termFrequency: 1, passageLength: 100, averageLength: 5, idf: 1)
            == flat.score(termFrequency: 1, passageLength: 1, averageLength: 5, idf: 1))
        #expect(BM25(k1: 0, b: 0.75).score(termFrequency: 7, passageLength: 3, averageLength: 5, idf: 2) == 2)
    }

    @Test func aPassageShorterThanTheFloorCountsAsTheFloor() {
        let bm25 = BM25()
        #expect(bm25.minimumLength == 16)
        // 3 words count as 16: 2.2 / (1 + 1.2 · (0.25 + 0.75 · 16 / 20)) = 2.2 / 2.02
        #expect(abs(bm25.score(termFrequency: 1, passageLength: 3, averageLength: 20, idf: 1) - 2.2 / 2.02) < 1e-12)
        #expect(bm25.score(termFrequency: 1, passageLength: 3, averageLength: 20, idf: 1)
            == bm25.score(termFrequency: 1, passageLength: 16, averageLength: 20, idf: 1))
        // At the floor and above, the plain formula.
        #expect(bm25.score(termFrequency: 2, passageLength: 30, averageLength: 20, idf: 1.5)
            == BM25(minimumLength: 0).score(termFrequency: 2, passageLength: 30, averageLength: 20, idf: 1.5))
        #expect(bm25.score(termFrequency: 1, passageLength: 3, averageLength: 20, idf: 1)
            < BM25(minimumLength: 0).score(termFrequency: 1, passageLength: 3, averageLength: 20, idf: 1))
    }
}
