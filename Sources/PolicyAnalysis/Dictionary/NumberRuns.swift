/// Runs of digits and of Chinese numerals in normalized text.
///
/// A dictionary cannot list every number, yet segmentation standards treat a
/// number with its unit as one word (`1998年`, `二○○一年`, `14·9%`, `三十一日`).
/// So a dictionary word's numbers are also stored as a *shape* (`N年`, `C日`)
/// when enough of its words share it (see ``UserDictionary``), and matching
/// lets one such placeholder stand for a whole run found here.
enum NumberRuns {
    /// The trie symbol that stands for a run of Arabic digits (beyond Unicode).
    static let digitPlaceholder: UInt32 = 0x11_0000
    /// The trie symbol that stands for a run of Chinese numerals.
    static let numeralPlaceholder: UInt32 = 0x11_0001

    @inline(__always)
    static func isDigit(_ scalar: UInt32) -> Bool { scalar &- 0x30 < 10 }

    /// Separators inside a number when a digit follows: 2.5, 14·9, 69/70, 8:30, 1,000.
    @inline(__always)
    static func isNumberSeparator(_ scalar: UInt32) -> Bool {
        scalar == 0x2E || scalar == 0xB7 || scalar == 0x2F || scalar == 0x3A || scalar == 0x2C
    }

    /// Chinese numerals, with the zero written ○ (U+25CB) as newspapers do.
    @inline(__always)
    static func isNumeral(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0x3007, 0x25CB, 0x96F6, 0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94, 0x516D, 0x4E03, 0x516B, 0x4E5D,
            0x5341, 0x767E, 0x5343, 0x4E07, 0x4EBF, 0x4E24:  // 〇○零一二三四五六七八九十百千万亿两
            return true
        default:
            return false
        }
    }

    /// The end of the run of digits (with inner separators) that starts at `start`,
    /// or `start` when there is none. The caller checks that the run is maximal.
    @inline(__always)
    static func digitRunEnd<C: RandomAccessCollection>(in scalars: C, from start: Int) -> Int
    where C.Element == UInt32, C.Index == Int {
        var j = start
        let end = scalars.endIndex
        while j < end, isDigit(scalars[j]) {
            j += 1
            if j + 1 < end, isNumberSeparator(scalars[j]), isDigit(scalars[j + 1]) { j += 1 }
        }
        return j
    }

    /// The end of the run of Chinese numerals that starts at `start`, or `start`
    /// when there is none. A lone 一 is not a number: it is the article of 一些,
    /// 一项, 统一, which no standard groups with what follows as it does 三项.
    @inline(__always)
    static func numeralRunEnd<C: RandomAccessCollection>(in scalars: C, from start: Int) -> Int
    where C.Element == UInt32, C.Index == Int {
        var j = start
        while j < scalars.endIndex, isNumeral(scalars[j]) { j += 1 }
        if j == start + 1 && scalars[start] == 0x4E00 { return start }
        return j
    }

    /// `word` with each maximal number run replaced by its placeholder, or nil
    /// when it holds no number.
    static func shape(of word: [UInt32]) -> [UInt32]? {
        var shape: [UInt32] = []
        var changed = false
        var i = 0
        while i < word.count {
            let previous = i > 0 ? word[i - 1] : 0
            var end = isDigit(previous) ? i : digitRunEnd(in: word, from: i)
            if end > i {
                shape.append(digitPlaceholder)
            } else {
                end = isNumeral(previous) ? i : numeralRunEnd(in: word, from: i)
                if end > i { shape.append(numeralPlaceholder) }
            }
            if end > i {
                changed = true
                i = end
            } else {
                shape.append(word[i])
                i += 1
            }
        }
        return changed ? shape : nil
    }
}
