import Foundation
import GazetteModel

/// What a web page, a document site or a repository's front matter puts around a 公文: a
/// metadata block (索引号, 发文机关, 成文日期, 发文字号, or a `---` front matter of `key: value`
/// lines) and navigation chrome (当前位置, 字号 大 中 小, 打印, 浏览次数, 来源：…网站).
///
/// The frame is read off before the document: metadata lines become facts the reader may fall
/// back on, chrome lines become blank, and markup the extraction left (`# ` headings, `|` table
/// rules) is taken off the line.
struct PageFrame {
    /// What a metadata block says, by field. Each is evidence, weaker than the document's own
    /// print: the reader uses it only where the document is silent.
    struct Metadata: Equatable {
        var number: String?
        var title: String?
        /// 发文机关 (the issuing organ).
        var issuer: String?
        /// 发布机构 / 发布单位: who posted the page, often the issuer's office; the weakest guess.
        var publisher: String?
        /// 成文日期, ISO 8601 (never the page's posting date).
        var date: String?
    }

    var lines: [SourceLine]
    var metadata = Metadata()
    /// Lines that belonged to the frame (metadata or chrome), by line index.
    var frameLines = Set<Int>()

    init(_ lines: [SourceLine]) {
        self.lines = lines
        readFrontMatter()
        for index in self.lines.indices where !self.lines[index].isBlank && !frameLines.contains(index) {
            if readMetadata(at: index) || Self.isChrome(self.lines[index]) {
                blank(index)
            } else if let stripped = Self.strippingMarkup(self.lines[index]) {
                self.lines[index] = stripped
            }
        }
    }

    private mutating func blank(_ index: Int) {
        frameLines.insert(index)
        lines[index] = SourceLine(number: lines[index].number, printed: "")
    }

    // MARK: - Metadata

    enum Field: CaseIterable {
        case number, title, issuer, publisher, date, other
    }

    /// The labels of metadata fields, spaces removed. `other` fields are read and dropped
    /// (索引号, 主题分类, 发布日期 …), so their values are never taken for a title.
    static let labels: [(label: String, field: Field)] = [
        ("发文字号", .number), ("发文文号", .number), ("文件编号", .number), ("文号", .number),
        ("标题", .title), ("文件名称", .title), ("名称", .title),
        ("发文机关", .issuer), ("发文单位", .issuer), ("制发机关", .issuer),
        ("发布机构", .publisher), ("发布单位", .publisher), ("公开主体", .publisher),
        ("成文日期", .date), ("发文日期", .date), ("印发日期", .date), ("签发日期", .date),
        ("索引号", .other), ("主题分类", .other), ("分类", .other), ("主题词", .other), ("发布日期", .other),
        ("发布时间", .other), ("生效日期", .other), ("实施日期", .other), ("废止日期", .other), ("有效性", .other),
        ("时效性", .other), ("状态", .other), ("层级", .other), ("类型", .other), ("体裁分类", .other),
        ("官方链接", .other), ("信息来源", .other), ("来源", .other), ("公开方式", .other), ("公开范围", .other),
        ("浏览次数", .other), ("点击数", .other), ("公开日期", .other), ("时效说明", .other), ("所属机构", .other), ("组配分类", .other), ("服务对象", .other),
    ]

    /// `---` … `---` at the top of the file: `key: value` lines.
    private mutating func readFrontMatter() {
        guard let first = lines.firstIndex(where: { !$0.isBlank }), lines[first].key == "---" || lines[first].raw == "---",
              let close = lines[(first + 1)...].firstIndex(where: { $0.raw == "---" }) else { return }
        for index in first + 1 ..< close { _ = readMetadata(at: index) }
        for index in first ... close { blank(index) }
    }

    /// Reads `LABEL：VALUE` pairs (one or several on a line), or a label alone whose value is the
    /// next line. True when the line was metadata.
    private mutating func readMetadata(at index: Int) -> Bool {
        let text = lines[index].raw.replacingOccurrences(of: "|", with: " ")
        let pairs = Self.pairs(in: text).nilIfEmpty ?? Self.tableCells(lines[index].raw)
        guard !pairs.isEmpty else { return false }
        for (field, value) in pairs {
            var value = value
            if value.isEmpty, field != .other, let next = nextValueLine(after: index) {
                value = lines[next].text
                blank(next)
            }
            record(field, value)
        }
        return true
    }

    private func nextValueLine(after index: Int) -> Int? {
        var next = index + 1
        while next < lines.count, lines[next].isBlank { next += 1 }
        guard next < lines.count, next <= index + 2, Self.pairs(in: lines[next].raw).isEmpty else { return nil }
        return next
    }

    private mutating func record(_ field: Field, _ value: String) {
        let key = Normalize.key(value)
        guard !key.isEmpty else { return }
        switch field {
        // The 文号 alone, as the head takes it: never what a long cell glued to it.
        case .number where metadata.number == nil: metadata.number = DocumentNumber(key) != nil ? key : DocumentNumber.all(in: key).first?.canonical
        case .title where metadata.title == nil: metadata.title = Normalize.text(value)
        case .issuer where metadata.issuer == nil: metadata.issuer = key
        case .publisher where metadata.publisher == nil: metadata.publisher = key
        case .date where metadata.date == nil: metadata.date = DateLine.parse(key) ?? DateLine.parseISO(key)
        default: break
        }
    }

    /// The metadata pairs of a line, when the line is made of them and nothing else: it starts
    /// with a known label followed by a colon (`文　号：`, `发布单位: `).
    static func pairs(in raw: String) -> [(Field, String)] {
        let line = raw.trimmingCharacters(in: .whitespaces)
        var found: [(field: Field, labelStart: String.Index, valueStart: String.Index)] = []
        var cursor = line.startIndex
        while cursor < line.endIndex {
            guard let colon = line[cursor...].firstIndex(where: { $0 == "：" || $0 == ":" }) else { break }
            // The label is the run of non-space text before the colon, letter-spaced labels allowed.
            let before = line[cursor ..< colon]
            // The last word before the colon, or the last two or three when the label is
            // letter-spaced (`文 号`): never a value of the pair before glued to it.
            let words = before.split(separator: " ", omittingEmptySubsequences: true)
            let labelled = (1...3).lazy.compactMap { count -> (String, Field)? in
                guard count <= words.count else { return nil }
                let labelText = Normalize.label(words.suffix(count).joined())
                return labels.first { labelText.hasSuffix($0.label) && labelText.count - $0.label.count <= 1 }
            }.first
            if let (label, field) = labelled {
                let labelStart = found.isEmpty ? line.startIndex : (before.range(of: String(label.first!))?.lowerBound ?? cursor)
                found.append((field, labelStart, line.index(after: colon)))
            } else if found.isEmpty {
                return []
            }
            cursor = line.index(after: colon)
        }
        guard !found.isEmpty else { return [] }
        // A line that carries on after a label with running text is a sentence, not metadata.
        var result: [(Field, String)] = []
        for (position, item) in found.enumerated() {
            let end = position + 1 < found.count ? found[position + 1].labelStart : line.endIndex
            let value = item.valueStart < end ? String(line[item.valueStart ..< end]).trimmingCharacters(in: .whitespaces) : ""
            if value.contains("。") || value.count > 120 { return [] }
            result.append((item.field, value))
        }
        return result
    }

    /// A table row of a disclosure page, label and value in cells of their own:
    /// `索 引 号 | 327549014/2021-00125 | 发布机构 | 县政府办公室 |`.
    static func tableCells(_ raw: String) -> [(Field, String)] {
        guard raw.contains("|") || raw.contains("｜") else { return [] }
        let cells = raw.split(whereSeparator: { $0 == "|" || $0 == "｜" }).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard let first = cells.first, let (_, field) = labels.first(where: { $0.label == Normalize.label(first) }) else { return [] }
        var result: [(Field, String)] = []
        var index = 0
        var current = field
        while index < cells.count {
            if let (_, labelled) = labels.first(where: { $0.label == Normalize.label(cells[index]) }) {
                current = labelled
                let value = index + 1 < cells.count && labels.first(where: { $0.label == Normalize.label(cells[index + 1]) }) == nil ? cells[index + 1] : ""
                result.append((current, value))
                index += value.isEmpty ? 1 : 2
            } else {
                index += 1
            }
        }
        return result
    }

    // MARK: - Chrome

    /// Navigation, tools and counters of a government site or a document-sharing site.
    static func isChrome(_ line: SourceLine) -> Bool {
        let key = line.key
        if key.allSatisfy({ "|｜-—=*#>【】[]".contains($0) }) { return true }
        // A site's banner: `法搜网--中国法律信息搜索网`.
        if key.hasSuffix("网"), key.count <= 24, !key.contains("关于") { return true }
        // A line without one Chinese character is a site's or a translator's, not the 公文's
        // (`notice medium 2016-08-12`, an English summary); figures alone are kept (page numbers, dates).
        if !key.unicodeScalars.contains(where: Normalize.isHan), key.filter(\.isLetter).count >= 3 { return true }
        if line.raw.hasPrefix(">") { return true }
        for opener in ["当前位置", "您当前的位置", "您当前所在位置", "当前所在位置", "您的位置", "您现在的位置", "首页>", "首页|", "首页 >"] where key.hasPrefix(opener) {
            return true
        }
        guard key.count <= 40 else { return false }
        if key.contains("字号") && (key.contains("大") || key.contains("中") || key.contains("小")) { return true }
        if key.hasPrefix("字体") || key.hasPrefix("【字体") { return true }
        let tools = ["打印本页", "打印整页", "打印内容", "关闭窗口", "【打印】", "【关闭】", "分享到", "扫一扫", "无障碍", "关怀版",
                     "返回首页", "返回顶部", "浏览次数", "阅读次数", "访问次数", "精选优质文档", "下载文档", "收藏本文", "欢迎访问", "关注我们"]
        if tools.contains(where: key.contains) { return true }
        if ["字号:", "字号：", "分享", "打印", "关闭", "政府信息公开", "信息公开", "正文", "相关附件"].contains(key) { return true }
        // `来源：周村区人民政府网站`, `发布时间：2020-10-20`: the page's own data.
        for label in ["来源", "信息来源", "发布时间", "发布日期", "更新时间", "作者", "编辑", "责任编辑"] {
            if key.hasPrefix(label + "：") || key.hasPrefix(label + ":") { return true }
        }
        return false
    }

    /// A line with markup the extraction left around it: `# 标题`, `| 表格 |`, `**粗体**`.
    static func strippingMarkup(_ line: SourceLine) -> SourceLine? {
        var raw = line.raw
        var changed = false
        while let first = raw.first, first == "#" {
            raw = String(raw.drop { $0 == "#" }).trimmingCharacters(in: .whitespaces)
            changed = true
        }
        if raw.contains("|") || raw.contains("｜") {
            let cells = raw.split(whereSeparator: { $0 == "|" || $0 == "｜" }).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            // A row of several cells keeps its cell boundaries (a task table is read by column).
            raw = cells.joined(separator: " | ")
            changed = true
        }
        if raw.hasPrefix("**"), raw.hasSuffix("**"), raw.count > 4 {
            raw = String(raw.dropFirst(2).dropLast(2))
            changed = true
        }
        return changed ? SourceLine(number: line.number, printed: raw) : nil
    }
}

extension Array {
    var nilIfEmpty: Self? { isEmpty ? nil : self }
}
