/// Documents of filler policy prose with a made-up term planted in varied
/// contexts: term discovery should find the term first.
///
/// The filler is common words that ICU knows, strung together at random, so
/// that the strings they form are frequent but not cohesive; the planted term's
/// characters occur nowhere else, and ICU cuts it into single characters.
public enum PlantedTermCorpus {
    /// A made-up term of five characters (ICU: 澜|沧|智|链|枢).
    public static let term = "澜沧智链枢"

    static let words = ["推进", "建设", "发展", "加强", "管理", "服务", "平台", "创新", "应用", "完善", "体系", "支持",
                        "企业", "政府", "信息", "资源", "共享", "开放", "安全", "保障", "工作", "机制", "提升", "能力"]
    static let marks = ["，", "。", "、", "；"]

    /// `count` documents of about 30 sentences each, the term in `withTerm`
    /// sentences of each (at a random place, between random words).
    public static func documents(count: Int = 12, withTerm: Int = 4, term: String = term, seed: UInt64 = 7) -> [[String]] {
        var random = SplitMix64(seed: seed)
        return (0..<count).map { _ in
            let planted = Set((0..<withTerm).map { _ in Int.random(in: 0..<30, using: &random) })
            return (0..<30).map { sentence in
                var text = ""
                let length = Int.random(in: 6...12, using: &random)
                let at = planted.contains(sentence) ? Int.random(in: 0...length, using: &random) : -1
                for position in 0...length {
                    if position == at { text += term }
                    if position < length { text += words.randomElement(using: &random)! }
                    if position < length, Int.random(in: 0..<4, using: &random) == 0 { text += marks.randomElement(using: &random)! }
                }
                return text + "。"
            }
        }
    }
}
