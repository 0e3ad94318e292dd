import Foundation
import GazetteModel

/// The head of one official document, found by the shapes GB/T 9704-2012 gives its elements
/// rather than by their place in one layout: the 发文字号 alone on its line (above the title, as
/// the 版头 prints it, or below it, as gazettes do; bare or in parentheses), the 发文机关标志 (an
/// organ's name alone, or `…文件`), and the title (标题: one to three short lines ending in a
/// 文种 word, `关于…的通知`). The head ends where the 主体 begins: the addressee line (主送机关)
/// or the first sentence or numbered clause.
struct DocumentHead {
    var title: String?
    var number: String?
    /// The 发文机关标志 above the title, or the organ that heads the title.
    var issuer: String?
    /// The first line of the body.
    var bodyStart: Int
    /// Where each element above was found.
    var found: [FoundElement] = []

    /// The words a title ends with: the 文种 of GB/T 9704 and the kinds of text they enclose.
    static let kindWords = [
        "通知", "通报", "通告", "公告", "公报", "意见", "决定", "决议", "命令", "报告", "请示", "批复", "议案", "函", "纪要",
        "办法", "方案", "预案", "规定", "规则", "细则", "制度", "措施", "规划", "计划", "要点", "名单", "章程", "守则", "标准",
        "指引", "指南", "机制", "条例", "清单",
    ]

    static func find(in lines: [SourceLine], range: Range<Int>) -> DocumentHead {
        let bodyStart = range.first { isBodyStart(lines[$0]) } ?? range.upperBound
        var head = DocumentHead(bodyStart: bodyStart)
        let zone = range.lowerBound ..< bodyStart

        // 发文字号: the first line of the head that is a 文号 and nothing else; or a 文号 that
        // opens a line the title follows (`(已废止)微政办字〔2019〕24号 关于印发…的通知`).
        var inlineTitle: (line: Int, text: String)?
        for index in zone where !lines[index].isBlank {
            if let number = ownNumber(lines[index]) {
                head.number = number
                head.found.append(FoundElement("发文字号", line: lines[index].number, how: "alone on its line in the head", confidence: .high))
                break
            }
            if let (number, rest) = numberThenTitle(lines[index]) {
                head.number = number
                head.found.append(FoundElement("发文字号", line: lines[index].number, how: "opening the title's line", confidence: .medium))
                inlineTitle = (index, rest)
                break
            }
        }

        // 标题: the last run of title lines in the head that ends in a 文种 word; else the last
        // run of header-like lines (a repost's heading: `淄博市解除重污染天气橙色预警…`).
        let ends = zone.filter { isTitleLine(lines[$0]) && endsLikeTitle(lines[$0].key) && $0 != inlineTitle?.line }
        if let inlineTitle, ends.last.map({ $0 < inlineTitle.line }) ?? true {
            head.title = inlineTitle.text
            head.found.append(FoundElement("标题", line: lines[inlineTitle.line].number, how: "after the 文号 on its line, ending in a 文种 word", confidence: .medium))
        } else if let end = ends.last {
            let run = titleRun(endingAt: end, in: lines, floor: zone.lowerBound)
            var text = run.map { lines[$0].key }.joined()
            if let tail = parentheticalTail(after: end, in: lines, before: bodyStart) { text += lines[tail].key }
            head.title = text
            head.found.append(FoundElement("标题", line: lines[run.first!].number, how: "\(run.count) line\(run.count == 1 ? "" : "s") in the head ending in a 文种 word", confidence: .high))
            if let mark = issuerMark(above: run.first!, in: lines, floor: zone.lowerBound) {
                head.issuer = mark.organ
                head.found.append(FoundElement("发文机关", line: lines[mark.line].number, how: "the organ's mark above the title", confidence: .high))
            }
        } else if let last = zone.last(where: { isTitleLine(lines[$0]) && !isIssuerMark(lines[$0].key) }) {
            let run = titleRun(endingAt: last, in: lines, floor: zone.lowerBound)
            head.title = run.map { lines[$0].key }.joined()
            head.found.append(FoundElement("标题", line: lines[run.first!].number, how: "a heading without a 文种 word", confidence: .low))
        }
        head.title = head.title.map(withoutPageMarks)
        if head.issuer == nil, let mark = zone.first(where: { isIssuerMark(lines[$0].key) }) {
            head.issuer = String(lines[mark].key.dropLast(2))
            head.found.append(FoundElement("发文机关", line: lines[mark].number, how: "the …文件 mark of the head", confidence: .high))
        }
        return head
    }

    // MARK: - Shapes

    /// What a site prints before a title on the same line: its status (`（文件有效）`, `(已废止)`)
    /// or its posting date (`2023-12-07`).
    static func withoutPageMarks(_ title: String) -> String {
        var text = Substring(title)
        if let first = text.first, "（(".contains(first), let close = text.firstIndex(where: { "）)".contains($0) }) {
            let status = String(text[text.index(after: text.startIndex) ..< close])
            if ["有效", "失效", "废止", "已废止", "文件有效", "现行有效", "已失效", "已修改", "已修订"].contains(status) {
                text = text[text.index(after: close)...]
            }
        }
        if let date = DateLine.isoPattern.firstMatch(in: String(text)), let first = date.first, text.count > first.count + 4 {
            text = text.dropFirst(first.count)
        }
        return String(text)
    }

    /// `杭州市人民政府办公厅文件`: the 发文机关标志 of the 版头.
    static func isIssuerMark(_ key: String) -> Bool {
        key.hasSuffix("文件") && isOrganOnly(String(key.dropLast(2)))
    }

    /// A 文号 alone on its line, bare or in parentheses: `国办发〔2018〕109号`, `（淄政发〔2008〕41号）`.
    static func ownNumber(_ line: SourceLine) -> String? {
        var key = line.key
        guard !key.isEmpty, key.count <= 32 else { return nil }
        if let first = key.first, let last = key.last, "（(".contains(first), "）)".contains(last) {
            key = String(key.dropFirst().dropLast())
        }
        return DocumentNumber(key) != nil ? key : nil
    }

    /// `(已废止)微政办字〔2019〕24号 关于印发…的通知`: a 文号, then a title, on one line.
    static func numberThenTitle(_ line: SourceLine) -> (String, String)? {
        let key = line.key
        guard key.count <= 100, !key.contains("。"), endsLikeTitle(key) else { return nil }
        var start = key.startIndex
        if let first = key.first, "（(".contains(first), let close = key.firstIndex(where: { "）)".contains($0) }),
           key.distance(from: key.startIndex, to: close) <= 6 {
            start = key.index(after: close)
        }
        let rest = key[start...]
        guard let hao = rest.firstIndex(of: "号"), DocumentNumber(String(rest[...hao])) != nil else { return nil }
        let title = String(rest[rest.index(after: hao)...])
        guard title.count >= 4 else { return nil }
        return (String(rest[...hao]), title)
    }

    /// A title ends with a 文种 word, perhaps followed by a parenthesised note: `（试行）`,
    /// `(2024—2025年 第11期)`.
    static func endsLikeTitle(_ key: String) -> Bool {
        var body = Substring(key)
        while let last = body.last, "）)》”\"".contains(last) {
            if last == "）" || last == ")", let open = body.lastIndex(where: { $0 == "（" || $0 == "(" }) {
                body = body[..<open]
            } else {
                body = body.dropLast()
            }
        }
        return kindWords.contains { body.hasSuffix($0) }
    }

    /// A line a title can be made of: short, no sentence stop, no clause number, not a date,
    /// not a 文号, not a roster or metadata line.
    static func isTitleLine(_ line: SourceLine) -> Bool {
        let key = line.key
        return !line.isBlank && key.count <= 64 && !key.contains("。") && !key.contains("；")
            && !key.hasSuffix("：") && !key.hasSuffix(":") && SectionNumber.leading(line.text) == nil
            && DateLine.parse(key) == nil && ownNumber(line) == nil && !ScopeLine.matches(key)
            && !isRoleLine(line) && !(key.hasPrefix("附件") && key.count <= 8)
    }

    /// A roster's label line (`组长：…`). A letter-spaced title (`国 家 粮 食 应 急 预 案 的 函`)
    /// reads like a member line, so only labels count against a title.
    static func isRoleLine(_ line: SourceLine) -> Bool {
        if case .role? = RosterLines.classify(line.raw) { return true }
        return false
    }

    /// The title's lines, from the one ending in its 文种 word upwards: lines that are not
    /// titles of their own, with no blank between (a title wraps; it does not skip a line).
    /// In a double-spaced text (a web page that puts a blank line after every line) one blank
    /// line is a line break, not a gap.
    static func titleRun(endingAt end: Int, in lines: [SourceLine], floor: Int) -> [Int] {
        let doubleSpaced = isDoubleSpaced(lines)
        var run = [end]
        var index = end - 1
        while index >= floor, run.count < 3 {
            if lines[index].isBlank {
                guard doubleSpaced, index - 1 >= floor, !lines[index - 1].isBlank else { break }
                index -= 1
            }
            let line = lines[index]
            // An organ's name alone above the title is its 发文机关标志, unless what follows it
            // carries on a wrapped title (`推进…中心` / `建设领导小组的通知`) rather than opening one with 关于.
            guard isTitleLine(line), !endsLikeTitle(line.key),
                  !isOrganOnly(line.key) || line.key.hasSuffix("印发") || !lines[run[0]].key.hasPrefix("关于") else { break }
            run.insert(index, at: 0)
            index -= 1
        }
        return run
    }

    /// Most lines are followed by a blank one.
    static func isDoubleSpaced(_ lines: [SourceLine]) -> Bool {
        let printed = lines.indices.filter { !lines[$0].isBlank }
        guard printed.count >= 6 else { return false }
        let followedByBlank = printed.filter { $0 + 1 < lines.count && lines[$0 + 1].isBlank }.count
        return followedByBlank * 10 >= printed.count * 6
    }

    /// `（试行）` or `(2024—2025年 第11期)` alone under the title.
    static func parentheticalTail(after end: Int, in lines: [SourceLine], before limit: Int) -> Int? {
        var index = end + 1
        while index < limit, lines[index].isBlank { index += 1 }
        guard index < limit else { return nil }
        let key = lines[index].key
        guard let first = key.first, let last = key.last, "（(".contains(first), "）)".contains(last), key.count <= 24,
              ownNumber(lines[index]) == nil, !ScopeLine.matches(key) else { return nil }
        return index
    }

    /// The 发文机关标志 over the title: an organ's name alone (`淄博市人民政府办公厅`), or
    /// `…文件`, on the nearest line above.
    static func issuerMark(above start: Int, in lines: [SourceLine], floor: Int) -> (organ: String, line: Int)? {
        var index = start - 1
        while index >= floor, lines[index].isBlank || ownNumber(lines[index]) != nil { index -= 1 }
        guard index >= floor else { return nil }
        var key = lines[index].key
        if key.hasSuffix("文件"), key.count > 4 { key = String(key.dropLast(2)) }
        return isOrganOnly(key) ? (key, index) : nil
    }

    /// The endings of organs' names: 人民政府, 办公室, 委员会, 局, 法院 …
    static let organEndings = [
        "人民政府办公室", "人民政府办公厅", "人民政府", "办公室", "办公厅", "委员会", "管委会", "政府", "人民法院", "人民检察院", "法院",
        "检察院", "委", "局", "厅", "部", "署", "院", "办", "中心", "中心支行", "支行", "分局", "党委", "党组", "区委", "县委", "市委",
        "省委", "指挥部", "领导小组", "工作组", "联社", "公司", "街道办事处", "办事处", "镇", "乡", "街道", "总局", "处", "科",
        // Traditional characters (Hong Kong, Taiwan and older mainland pages).
        "人民政府辦公室", "人民政府辦公廳", "辦公室", "辦公廳", "委員會", "廳", "辦", "指揮部", "領導小組",
    ]

    /// A line that is only an organ's name (or several, separated by spaces).
    static func isOrganOnly(_ key: String) -> Bool {
        guard (3...40).contains(key.count), !key.contains(where: { "，。；：:、《》“”".contains($0) }) else { return false }
        return organEndings.contains { key.hasSuffix($0) } && !key.contains("关于")
    }

    /// Where the 主体 begins: the addressee line, a sentence, or a numbered clause.
    static func isBodyStart(_ line: SourceLine) -> Bool {
        let key = line.key
        guard !line.isBlank else { return false }
        if DocumentReader.isAddressees(line), key.count >= 3, PageFrame.pairs(in: line.raw).isEmpty { return true }
        if key.contains("。") { return true }
        if key.count > 64 { return true }
        // A table's header (`序号`, `序号|重点工作|…`): the head is over.
        if key == "序号" || key.hasPrefix("序号|") { return true }
        // A roster straight under the title (`组    长：李文钢`), with no sentence to open the body.
        if isRoleLine(line) { return true }
        if SectionNumber.leading(line.text) != nil, !endsLikeTitle(key) { return true }
        return false
    }
}

/// The 发文机关署名 and 成文日期 at the foot of the notice: a date on its own line (Arabic or
/// Chinese numerals), and above it the signing organs, if printed (one line, a name wrapped onto
/// two, or joint issuers side by side), perhaps with a `（…代）` line between.
struct SignatureBlock {
    /// The first line of the block (the signer, else the date).
    var line: Int
    /// The line of the date.
    var dateLine: Int
    var issuer: String?
    var date: String
    var scope: String?
    /// The first line after the block.
    var next: Int

    static func find(in lines: [SourceLine], from start: Int, to end: Int) -> SignatureBlock? {
        for index in start ..< end where !lines[index].isBlank {
            guard let date = DateLine.parse(lines[index].key) else { continue }
            var block = SignatureBlock(line: index, dateLine: index, issuer: nil, date: date, next: index + 1)
            var above = index - 1
            while above >= start, lines[above].isBlank { above -= 1 }
            // `（淄博市生态环境局代）`: the organ that stamps on the signer's behalf.
            if above >= start, isOnBehalf(lines[above].key) {
                above -= 1
                while above >= start, lines[above].isBlank { above -= 1 }
            }
            var signer: [Int] = []
            while above >= start, signer.count < 3, !lines[above].isBlank, isSignerLine(lines[above].key) {
                signer.insert(above, at: 0)
                above -= 1
            }
            if let issuer = issuer(from: signer.map { lines[$0].raw }) {
                block.issuer = issuer
                block.line = signer.first!
            }
            let scopeLine = skipBlanks(lines, index + 1, end)
            if scopeLine < end, ScopeLine.matches(lines[scopeLine].key) {
                block.scope = lines[scopeLine].key
                block.next = scopeLine + 1
            }
            return block
        }
        return nil
    }

    static func skipBlanks(_ lines: [SourceLine], _ start: Int, _ end: Int) -> Int {
        var index = start
        while index < end, lines[index].isBlank { index += 1 }
        return index
    }

    static func isOnBehalf(_ key: String) -> Bool {
        guard let first = key.first, let last = key.last, "（(".contains(first), "）)".contains(last) else { return false }
        return key.dropLast().hasSuffix("代") && key.count <= 30
    }

    static func isSignerLine(_ key: String) -> Bool {
        key.count <= 40 && !key.contains(where: { "。，,；;：:“”《》".contains($0) }) && DateLine.parse(key) == nil
            && DocumentNumber(key) == nil && !key.hasPrefix("附件") && !(key.first?.isNumber ?? false)
            && SectionNumber.leading(key) == nil && !DocumentHead.endsLikeTitle(key)
    }

    /// The signing organs from the lines above the date (as printed, spaces kept). Lines that are
    /// each an organ, or names side by side with spaces between, are joint issuers; lines that
    /// only make an organ together are one name wrapped.
    static func issuer(from printed: [String]) -> String? {
        // The lines nearest the date that still read as organs.
        for start in printed.indices {
            let tail = Array(printed[start...])
            let perLine = tail.map(organs(in:))
            if perLine.allSatisfy({ !$0.isEmpty }) { return unique(perLine.flatMap { $0 }).joined(separator: "、") }
            let joined = tail.map(Normalize.key).joined()
            if DocumentHead.isOrganOnly(joined) { return jointIssuers(joined).joined(separator: "、") }
        }
        return nil
    }

    /// The organs on one printed line: the line itself, or names side by side with spaces between.
    static func organs(in printed: String) -> [String] {
        let key = Normalize.key(printed)
        let parts = printed.split(whereSeparator: \.isWhitespace).map { Normalize.key(String($0)) }.filter { !$0.isEmpty }
        if parts.count > 1, parts.allSatisfy(DocumentHead.isOrganOnly) { return parts }
        return DocumentHead.isOrganOnly(key) ? [key] : []
    }

    /// Joint issuers printed without a space between: `临沧市人民政府临沧市中级人民法院`. A split is
    /// taken only after a whole organ (人民政府, 人民法院, 委员会 …) and before a place name.
    static func jointIssuers(_ key: String) -> [String] {
        let majorEndings = ["人民政府", "人民法院", "人民检察院", "委员会", "办公室", "办公厅", "区委", "县委", "市委", "省委"]
        let characters = Array(key)
        for cut in stride(from: 5, through: characters.count - 5, by: 1) {
            let head = String(characters[..<cut])
            let tail = String(characters[cut...])
            guard majorEndings.contains(where: head.hasSuffix), tail.prefix(4).contains(where: { "省市县区州旗".contains($0) }),
                  !tail.hasPrefix("办"), DocumentHead.isOrganOnly(tail) else { continue }
            return [head] + jointIssuers(tail)
        }
        return [key]
    }

    static func unique(_ names: [String]) -> [String] {
        var seen = Set<String>()
        return names.filter { seen.insert($0).inserted }
    }
}
