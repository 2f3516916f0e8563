import Foundation
import Testing
@testable import PolicySearch

/// Scores and shares written with a fixed count of decimals, as the C library writes them.
@Suite struct FixedDecimalTests {
    @Test func agreesWithTheCLibraryOnRandomNumbersOfEveryMagnitude() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let exponent = Double.random(in: -8...13, using: &generator)
            var value = pow(10, exponent) * Double.random(in: 1..<10, using: &generator)
            if Bool.random(using: &generator) { value.negate() }
            let digits = [0, 1, 3, 4, 6, 9].randomElement(using: &generator)!
            #expect(FixedDecimal.string(value, digits: digits) == String(format: "%.\(digits)f", value), "\(value) \(digits)")
        }
    }

    @Test func agreesOnTiesZerosAndNumbersThatAreNotFinite() {
        let values: [Double] = [0, -0.0, 0.5, 1.5, 2.5, 0.125, 0.375, 0.0005, 0.0015, 1e-300, -1e-7, 9.9995, 9.9996, 999.9995,
                                15.121680, 123456789012.5, 1e20, .nan, .infinity, -.infinity, .greatestFiniteMagnitude]
        for value in values {
            for digits in [0, 1, 2, 3, 4, 6] {
                #expect(FixedDecimal.string(value, digits: digits) == String(format: "%.\(digits)f", value), "\(value) \(digits)")
            }
        }
        // Scores as BM25 gives them: sums of products of logarithms.
        for i in 1...5_000 {
            let score = log(1 + Double(i) / 7) * 2.2 / (1 + Double(i % 13) / 10)
            #expect(FixedDecimal.string(score, digits: 6) == String(format: "%.6f", score))
        }
    }
}
