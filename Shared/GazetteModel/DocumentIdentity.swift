/// Where a document's issuer sits: the government whose document it is (`淄博市周村区人民政府办公室`
/// → 周村区). A store of one district adopts as its plans only documents of that district; the
/// others are kept for reference.
public enum Jurisdiction {
    /// The most local place an issuer names: the last of the place names it opens with
    /// (`济南市槐荫区人民政府办公室` → 槐荫区, `山东省人民政府` → 山东省), a development zone
    /// (`淄博高新技术产业开发区管理委员会` → 淄博高新技术产业开发区), 全国 for the State Council and
    /// the central organs; nil for an issuer that names no place (`区政府办公室`, `区地方金融监管局`),
    /// which is read as the store's own district.
    public static func of(issuer: String) -> String? {
        var name = Normalize.key(issuer.split(whereSeparator: { "、，,".contains($0) }).first.map(String.init) ?? issuer)
        for prefix in ["中国共产党", "中共"] where name.hasPrefix(prefix) { name.removeFirst(prefix.count) }
        if central.contains(where: { name.hasPrefix($0) }) { return "全国" }
        let characters = Array(name)
        var start = 0
        var region: String?
        while start < characters.count {
            guard let end = placeEnd(characters, from: start) else { break }
            region = String(characters[start...end])
            start = end + 1
        }
        return region
    }

    /// The region of a document: its issuer's, else that of the organ that heads its title.
    public static func of(_ document: OfficialDocument) -> String? {
        if let issuer = document.issuer, let region = of(issuer: issuer) { return region }
        let head = document.title.components(separatedBy: "关于").first ?? ""
        return head.isEmpty || head == document.title ? nil : of(issuer: head)
    }

    /// Whether a region lies within the district: the district itself, or a zone under its name
    /// (周村经济开发区 within 周村区). A document that names no region is the district's own.
    public static func isWithin(_ region: String?, district: String) -> Bool {
        guard let region else { return true }
        return region == district || region.hasPrefix(stem(district))
    }

    /// `周村区` → `周村`: the name without its level.
    public static func stem(_ place: String) -> String {
        place.count >= 3 && levels.contains(place.last!) ? String(place.dropLast()) : place
    }

    static let central = ["国务院", "国家", "中央", "全国", "中华人民共和国"]
    static let levels: Set<Character> = ["省", "市", "区", "县", "州", "盟", "旗"]
    static let zones = ["开发区", "工业园区", "高新区", "新区", "示范区", "园区"]

    /// The end of a place name that begins at `start`: a name of one to seven characters before
    /// its level (`淄博市`, `周村区`, `广西壮族自治区`), or a zone's name ending in 开发区 and the like (up to 14).
    static func placeEnd(_ characters: [Character], from start: Int) -> Int? {
        let window = String(characters[start..<min(characters.count, start + 14)])
        for zone in zones {
            if let range = window.range(of: zone) {
                let end = start + window.distance(from: window.startIndex, to: range.upperBound) - 1
                // A zone begins with a name of its own: not `区政府`, not a bare `新区`.
                if end - start + 1 > zone.count, !String(characters[start...end]).contains("政府") { return end }
            }
        }
        for offset in 1...7 where start + offset < characters.count {
            let character = characters[start + offset]
            if levels.contains(character) {
                let name = String(characters[start..<(start + offset)])
                return name.contains("政府") || name.contains("人民") ? nil : start + offset
            }
        }
        return nil
    }
}

extension OfficialDocument {
    /// The words of a document and nothing else: its 文号, title, issuer and date, each heading and
    /// paragraph in order, with every space, line break and difference of width taken out. Two doors
    /// that read the same 公文 (a PDF, its web page) give the same words; a changed word changes them.
    public var words: String {
        var parts: [String] = [number ?? "", title, issuer ?? "", date ?? ""]
        func visit(_ sections: [Section]) {
            for section in sections {
                parts.append(section.number?.label ?? "")
                parts.append(section.text)
                visit(section.children)
            }
        }
        visit(body)
        for attachment in attachments {
            parts.append(attachment.label + attachment.title)
            visit(attachment.body)
        }
        return Normalize.key(parts.joined())
    }
}
