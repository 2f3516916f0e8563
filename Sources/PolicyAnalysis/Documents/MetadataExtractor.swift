import Foundation

/// Finds a policy document's metadata in its own text, where it states it:
/// document number (`国发〔2015〕50号`), date of issue, issuing body, type
/// (from the title: 规划, 行动计划, 实施意见 …), region and administrative level.
///
/// Front matter, when a document has it, says the same more reliably; these
/// fields only fill what it leaves out.
public enum MetadataExtractor {
    /// The field names, as front matter spells them.
    public static let fieldNames = ["issuer", "region", "level", "date", "number", "type"]

    /// Province-level regions, as titles and issuers write them.
    static let provinces = ["北京", "天津", "上海", "重庆", "河北", "山西", "辽宁", "吉林", "黑龙江", "江苏", "浙江", "安徽",
                            "福建", "江西", "山东", "河南", "湖北", "湖南", "广东", "海南", "四川", "贵州", "云南", "陕西",
                            "甘肃", "青海", "台湾", "内蒙古", "广西", "西藏", "宁夏", "新疆", "香港", "澳门"]

    /// Document types, the more specific first.
    static let types = ["行动计划", "实施意见", "指导意见", "实施方案", "发展规划", "规划纲要", "纲要", "规划", "意见", "方案",
                        "管理办法", "办法", "实施细则", "细则", "条例", "规定", "决定", "通知", "报告", "法"]

    /// Issuers of national document numbers, by the number's prefix.
    static let numberIssuers = ["国发": "国务院", "国函": "国务院", "国办发": "国务院办公厅", "国办函": "国务院办公厅"]

    /// The fields found in `lines` (the document's lines) for a document whose
    /// title is `title`.
    public static func extract(lines: [Substring], title: String) -> [String: String] {
        var fields: [String: String] = [:]
        let head = lines.prefix(40)
        let tail = lines.suffix(15)

        // Labelled header lines, such as "- 发文字号: 国发〔2019〕5号".
        for line in head {
            let text = line.trimmingWhitespace().drop { $0 == "-" || $0 == " " }
            for (label, field) in [("发文字号", "number"), ("发文机关", "issuer"), ("发布机关", "issuer"), ("发布日期", "date"),
                                   ("成文日期", "date"), ("省份", "region")] where text.hasPrefix(label) {
                let value = text.dropFirst(label.count).drop { $0 == ":" || $0 == "：" || $0 == " " }.trimmingWhitespace()
                if !value.isEmpty, fields[field] == nil { fields[field] = value }
            }
        }
        if fields["number"] == nil {
            for line in head {
                if let number = documentNumber(in: String(line)) {
                    fields["number"] = number
                    break
                }
            }
        }
        if let date = fields["date"].flatMap(isoDate) ?? head.lazy.compactMap({ isoDate(String($0)) }).first
            ?? tail.reversed().lazy.compactMap({ isoDate(String($0)) }).first
        {
            fields["date"] = date
        }
        if fields["issuer"] == nil, let number = fields["number"] {
            fields["issuer"] = numberIssuers.first { number.hasPrefix($0.key) && !number.hasPrefix($0.key + "办") }?.value
        }
        if fields["issuer"] == nil, let range = title.range(of: "关于"), range.lowerBound > title.startIndex {
            fields["issuer"] = String(title[..<range.lowerBound])
        }
        if fields["type"] == nil { fields["type"] = type(of: title) }
        let issuer = fields["issuer"] ?? ""
        if fields["region"] == nil {
            if let province = provinces.first(where: { issuer.hasPrefix($0) || title.hasPrefix($0) }) {
                fields["region"] = province
            } else if issuer.hasPrefix("国务院") || issuer.hasPrefix("国家") || title.hasPrefix("中华人民共和国")
                || title.hasPrefix("国务院") || title.hasPrefix("全国")
            {
                fields["region"] = "全国"
            } else if let city = city(in: issuer.isEmpty ? title : issuer) {
                fields["region"] = city
            }
        }
        if let region = fields["region"] { fields["region"] = canonicalRegion(region) }
        if fields["level"] == nil, let region = fields["region"] {
            fields["level"] = region == "全国" ? "国家级" : region.hasSuffix("市") && !provinces.contains(String(region.dropLast()))
                ? "市级" : (issuer.contains("市") || title.prefix(8).contains("市")) && !["北京", "天津", "上海", "重庆"].contains(region)
                ? "市级" : "省级"
        }
        return fields
    }

    /// The city that a title or issuer opens with (郑州市人民政府 → 郑州市), or nil:
    /// not 城市 or 市场 (城市供水条例, 人力资源市场), not a bare 市 (市人民政府),
    /// only Han characters before it.
    static func city(in text: String) -> String? {
        var name = Substring(text)
        if name.hasPrefix("关于") { return nil }
        guard let mark = name.firstIndex(of: "市") else { return nil }
        let after = name[name.index(after: mark)...].first
        name = name[...mark]
        let before = name.dropLast()
        guard (2...5).contains(before.count), before.unicodeScalars.allSatisfy(isHan), before.last != "城",
            after != "场"
        else { return nil }
        return String(name)
    }

    /// A province-level region by its short name: 上海市 → 上海, 安徽省 → 安徽,
    /// 广西壮族自治区 → 广西, so that documents that name it either way group
    /// together; any other region as it is.
    public static func canonicalRegion(_ region: String) -> String {
        let trimmed = region.trimmingWhitespace()
        for province in provinces where trimmed.hasPrefix(province) {
            let rest = trimmed.dropFirst(province.count)
            if ["", "省", "市", "自治区", "壮族自治区", "回族自治区", "维吾尔自治区", "特别行政区"].contains(String(rest)) {
                return province
            }
        }
        return String(trimmed)
    }

    /// The document number a line states alone (`国发〔2015〕50号`,
    /// `（黔府发[2016]8号）`), as written; nil for a line that says more: a
    /// number inside a sentence (`根据国发〔2015〕50号精神`) is a citation of
    /// another document, not this one's number.
    static func documentNumber(in line: String) -> String? {
        let scalars = line.unicodeScalars.map(\.value)
        return DocumentNumber.standingAlone(in: scalars).map { ScalarText.string(scalars[$0.range]) }
    }

    static func isHan(_ scalar: Unicode.Scalar) -> Bool {
        (0x4E00...0x9FFF).contains(scalar.value) || (0x3400...0x4DBF).contains(scalar.value)
    }

    /// The first date in a line, as YYYY-MM-DD: 2016年3月15日 or 2016-03-15.
    static func isoDate(_ line: String) -> String? {
        // Full-width digits count as digits.
        let scalars = line.unicodeScalars.map { ("０"..."９").contains($0) ? Unicode.Scalar($0.value - 0xFEE0)! : $0 }
        func number(at index: inout Int, digits: ClosedRange<Int>) -> Int? {
            var value = 0
            var count = 0
            while index < scalars.count, ("0"..."9").contains(scalars[index]), count < digits.upperBound {
                value = value * 10 + Int(scalars[index].value - 48)
                index += 1
                count += 1
            }
            return digits.contains(count) ? value : nil
        }
        var i = 0
        while i < scalars.count {
            guard ("1"..."2").contains(scalars[i]), i == 0 || !("0"..."9").contains(scalars[i - 1]) else {
                i += 1
                continue
            }
            var j = i
            if let year = number(at: &j, digits: 4...4), (1949...2100).contains(year), j < scalars.count {
                let separator = scalars[j]
                if separator == "年" || separator == "-" || separator == "." || separator == "/" {
                    j += 1
                    if let month = number(at: &j, digits: 1...2), (1...12).contains(month), j < scalars.count,
                        separator == "年" ? scalars[j] == "月" : scalars[j] == separator
                    {
                        j += 1
                        if let day = number(at: &j, digits: 1...2), (1...31).contains(day),
                            separator != "年" || (j < scalars.count && scalars[j] == "日")
                        {
                            return String(format: "%04d-%02d-%02d", year, month, day)
                        }
                    }
                }
            }
            i += 1
        }
        return nil
    }

    /// The type a title names: the type of the document a notice issues
    /// (印发…规划的通知 is a 规划), else the title's own.
    static func type(of title: String) -> String? {
        var subject = title
        if let issued = title.range(of: "印发"), let notice = title.range(of: "的通知", options: .backwards),
            issued.upperBound < notice.lowerBound
        {
            subject = String(title[issued.upperBound..<notice.lowerBound])
        }
        subject = subject.trimmingCharacters(in: CharacterSet(charactersIn: "《》（）()0123456789—－-年 "))
        return types.first { subject.hasSuffix($0) } ?? types.first { title.hasSuffix($0) }
    }
}
