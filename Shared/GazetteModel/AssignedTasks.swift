import Foundation

/// A task a document assigns (督办事项): what is to be done, the units that lead it (牵头单位) and
/// the others named for it (责任单位, 配合单位, 参与单位, 协办单位), and by when.
public struct AssignedTask: Hashable, Sendable, Codable {
    /// How the task was printed, so that a reading can be checked against its layout.
    public enum Layout: String, Hashable, Sendable, Codable {
        /// A clause ending in a unit bracket: `…。（牵头单位：区发改局；责任单位：区财政局）`.
        case bracket
        /// A clause followed by field lines: `责任单位：…`, `协办单位：…`, `完成时限：…`.
        case fields
        /// A row of a table flattened to text (`序号 | 重点工作 | 责任单位 | 完成时限`).
        case table
        /// A paragraph followed by its responsibility cell (`市发改委牵头落实`).
        case cell
        /// An order of the covering notice: who, what and by when (`各责任单位于每季度末月20日前将…报…`).
        case order
    }

    /// The number as printed, prefixed by the section numbers above it (`二(一)1`); nil for an
    /// order of the covering notice.
    public var ref: String?
    /// The clause it is read from.
    public var citation: Citation
    /// The task as printed, cut to its first sentence (for a table row, its task cell).
    public var text: String
    /// Units printed as leading it, as printed.
    public var lead: [String]
    /// Every other unit named for it, in printed order.
    public var units: [String]
    public var deadline: Deadline?
    public var layout: Layout

    public init(ref: String?, citation: Citation, text: String, lead: [String], units: [String], deadline: Deadline?, layout: Layout) {
        self.ref = ref
        self.citation = citation
        self.text = text
        self.lead = lead
        self.units = units
        self.deadline = deadline
        self.layout = layout
    }
}

extension OfficialDocument {
    /// The tasks the document assigns, in the order printed: read anew at each call.
    public func readTasks() -> [AssignedTask] { TaskReader(self).tasks() }

    /// The year a deadline without one belongs to: the document's date, else a year in its title.
    var deadlineYear: Deadline.Year {
        let dated = date.flatMap(CivilDate.init)
        let titleYear = TaskReader.firstYear(in: title)
        return Deadline.Year(year: dated?.year ?? titleYear, dated: dated)
    }
}

/// Reads the tasks of one document, clause by clause. Each layout has its rule; a clause is read
/// by the first rule that finds a task in it, and the clauses a rule takes in (the field lines
/// under an item) are not read again.
struct TaskReader {
    let document: OfficialDocument
    let year: Deadline.Year
    /// The tasks read so far, in the order of the text.
    var assigned: [AssignedTask] = []
    /// Clauses already read as part of the item above them.
    var consumed = Set<String>()
    /// The header of a table whose rows follow as clauses of their own.
    var openTable: TaskTable.Header?

    init(_ document: OfficialDocument) {
        self.document = document
        self.year = document.deadlineYear
    }

    func tasks() -> [AssignedTask] {
        var reader = self
        reader.descend(document.body, Citation(document: document.citationName), parent: nil)
        for attachment in document.attachments {
            reader.descend(attachment.body, Citation(document: document.citationName, attachment: attachment.label), parent: nil)
        }
        return reader.assigned
    }

    struct Item {
        var section: Section
        var citation: Citation
        var lines: [String]
        var ref: String? { citation.path.isEmpty ? nil : citation.path.map(\.citationForm).joined() }
    }

    mutating func descend(_ sections: [Section], _ citation: Citation, parent: Item?) {
        var siblingsHaveBrackets = false
        for (index, section) in sections.enumerated() {
            var here = citation
            if let number = section.number { here.path.append(number) }
            let item = Item(section: section, citation: here, lines: Self.lines(of: section))
            if !consumed.contains(here.description + "#\(index)") {
                let before = assigned.count
                let isLast = index == sections.count - 1
                read(item, parent: isLast && !siblingsHaveBrackets && sections.count > 1 ? parent : nil, children: section.children, childCitation: here)
                if assigned.count > before, assigned[before...].contains(where: { $0.layout == .bracket }) { siblingsHaveBrackets = true }
            }
            let table = openTable
            descend(section.children, here, parent: item)
            openTable = table
        }
    }

    /// A section's heading and paragraphs as lines, inserted pinyin readings left out.
    static func lines(of section: Section) -> [String] {
        ([section.heading].compactMap { $0 } + section.blocks.flatMap { $0.text.split(separator: "\n").map(String.init) })
            .map { TaskText.withoutReadings($0).trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
    }

    mutating func read(_ item: Item, parent: Item?, children: [Section], childCitation: Citation) {
        if readTableRow(item) { return }
        if readTable(item) { return }
        if readFields(item, children: children, childCitation: childCitation) { return }
        if readBrackets(item, parent: parent) { return }
        if readCells(item) { return }
        readOrders(item)
    }

    // MARK: - Unit brackets

    /// `…。（牵头单位：X；责任单位：Y）`, `…〔X牵头，Y参与〕`, `…。（X、Y。排名第一的为牵头单位）`: the text
    /// before each bracket, back to the one before it, is a task. A bracket alone on the last line
    /// of the last sub-clause, under an item whose sub-clauses have none, covers the whole item.
    mutating func readBrackets(_ item: Item, parent: Item?) -> Bool {
        let text = Self.running(item.section, lines: item.lines)
        let characters = Array(text)
        let key = Array(Simplified.key(text))
        var start = 0
        var found = false
        for span in TaskText.brackets(in: key) {
            let content = String(characters[(span.open + 1)..<span.close])
            guard let roles = UnitRoles.read(content) else { continue }
            let before = key[start..<span.open].last(where: { $0 != " " })
            let atSentenceEnd = before == nil || "。；;\n".contains(before!)
            guard roles.explicit || atSentenceEnd else { continue }
            let segment = String(characters[start..<span.open])
            let firstBracket = start == 0
            start = min(span.close + 1, characters.count)
            let sentence = TaskText.firstSentence(segment)
            // A bracket on a line of its own at the end of the last sub-clause: the item above it is the task.
            if let parent, firstBracket, before == "\n" || sentence.isEmpty, span.close >= characters.count - 1 {
                let parentText = TaskText.firstSentence(Self.running(parent.section, lines: parent.lines))
                if parentText.isEmpty { continue }
                assigned.append(AssignedTask(ref: parent.ref, citation: parent.citation, text: parentText, lead: roles.lead, units: roles.units,
                                           deadline: nil, layout: .bracket))
                found = true
                continue
            }
            guard !sentence.isEmpty else { continue }
            assigned.append(AssignedTask(ref: item.ref, citation: item.citation, text: sentence, lead: roles.lead, units: roles.units,
                                       deadline: Deadline.inText(segment, year: year), layout: .bracket))
            found = true
        }
        return found
    }

    /// The heading and paragraphs as one text, the heading ending its sentence.
    static func running(_ section: Section, lines: [String]) -> String {
        guard section.heading != nil, let first = lines.first else { return lines.joined(separator: "\n") }
        let heading = "。！？；：".contains(first.last ?? " ") ? first : first + "。"
        return ([heading] + lines.dropFirst()).joined(separator: "\n")
    }

    // MARK: - Field lines

    /// An item followed by `牵头单位：…` / `责任单位：…` / `完成时限：…` lines, as its own paragraphs
    /// or as the sub-clauses under it (`（二）责任单位：市教育局`).
    mutating func readFields(_ item: Item, children: [Section], childCitation: Citation) -> Bool {
        var fieldLines: [String] = []
        var textLines: [String] = []
        for line in item.lines {
            if UnitRoles.field(line) != nil { fieldLines.append(line) } else if fieldLines.isEmpty { textLines.append(line) }
        }
        var childKeys: [String] = []
        for (index, child) in children.enumerated() {
            let lines = Self.lines(of: child)
            guard child.heading == nil, lines.count == 1, UnitRoles.field(lines[0]) != nil else { continue }
            fieldLines.append(lines[0])
            var here = childCitation
            if let number = child.number { here.path.append(number) }
            childKeys.append(here.description + "#\(index)")
        }
        let fields = fieldLines.compactMap(UnitRoles.field)
        guard fields.contains(where: { $0.relation != .deadline && $0.relation != .leader }) else { return false }
        let task = TaskText.firstSentence(textLines.first ?? "")
        guard !task.isEmpty else { return false }
        consumed.formUnion(childKeys)
        var lead: [String] = []
        var units: [String] = []
        var deadline: Deadline?
        for field in fields {
            switch field.relation {
            case .lead: lead += UnitRoles.names(field.value).names
            case .unit: units += UnitRoles.names(field.value).names
            case .deadline: deadline = deadline ?? Deadline.cell(field.value, year: year)
            case .leader: continue
            }
        }
        // No 完成时限 line: a deadline in the item's own words (`2020年底前处置完成50%`).
        if deadline == nil, !fields.contains(where: { $0.relation == .deadline }) {
            deadline = Deadline.inText(item.lines.joined(separator: "\n"), year: year)
        }
        assigned.append(AssignedTask(ref: item.ref, citation: item.citation, text: task, lead: lead, units: units, deadline: deadline, layout: .fields))
        return true
    }

    // MARK: - Tables flattened to text

    /// A table printed one cell per line or with its cells joined by `|`: a header row
    /// (`序号 | 重点工作 | 责任领导 | 责任单位 | 完成时限`), then rows opened by their number. A row on one
    /// line is read cell by column; a row of one cell per line by what each cell holds (units, a
    /// deadline, a person, else the task), the units going to the lead column first when the
    /// header has one. A task cell with no units of its own shares the row's (a merged cell); a
    /// row whose units are not printed (cut) is no task.
    mutating func readTable(_ item: Item) -> Bool {
        var cells: [TaskTable.Cell] = []
        for (index, line) in item.lines.enumerated() {
            let parts = line.contains("|") ? line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } : [line]
            cells += parts.map { TaskTable.Cell(text: $0, line: index, onItsLine: parts.count) }
        }
        guard let header = TaskTable.header(in: cells) else { return false }
        var rows: [TaskTable.Row] = []
        var current: TaskTable.Row?
        func flush() {
            if let row = current, !row.task.isEmpty, row.hasUnits || row.inherited { rows.append(row) }
            current = nil
        }
        var index = header.end
        while index < cells.count {
            let cell = cells[index]
            index += 1
            if cell.onItsLine > 1 {
                // A row on one line: cell by column.
                flush()
                let line = cells[(index - 1)...].prefix { $0.line == cell.line }
                index += line.count - 1
                if let row = header.row(Array(line.map(\.text)), year: year) { current = row }
                flush()
                continue
            }
            if header.numbered, TaskTable.isNumber(cell.text) {
                flush()
                current = TaskTable.Row(number: cell.text)
                continue
            }
            guard var row = current ?? (header.numbered ? nil : TaskTable.Row(number: nil)) else { continue }
            if let roles = UnitRoles.cell(cell.text) {
                if !roles.lead.isEmpty {
                    row.lead += roles.lead
                    row.units += roles.units
                } else if header.columns.contains(.lead), !header.columns.contains(.units) || !row.hasUnits {
                    row.lead += roles.units
                } else {
                    row.units += roles.units
                }
                row.hasUnits = true
            } else if let deadline = Deadline.cell(cell.text, year: year) {
                row.deadline = deadline
            } else if header.columns.contains(.leader), TaskText.isPersonList(cell.text) {
                // 责任领导: a person, not recorded.
            } else if row.task.isEmpty {
                row.task = cell.text
            } else if row.hasUnits && header.othersAfterUnits {
                // 推进情况, 说明: the columns after the units are not tasks.
            } else {
                // A second task in the same numbered row: a sub-row; it keeps the row's units
                // unless it prints its own.
                let shared = row
                if shared.hasUnits || shared.inherited {
                    rows.append(shared)
                    row = TaskTable.Row(number: shared.number, task: cell.text, lead: shared.lead, units: shared.units, inherited: true)
                } else {
                    // No units yet: the first cell was a heading over the task (`联动共建科学城`).
                    row.task = cell.text
                }
            }
            current = row
        }
        flush()
        openTable = header
        for row in rows {
            let rowRef = [item.ref, row.number].compactMap { $0 }.joined()
            assigned.append(AssignedTask(ref: rowRef.isEmpty ? nil : rowRef, citation: item.citation, text: TaskText.firstSentence(row.task),
                                       lead: row.lead, units: row.units, deadline: row.deadline, layout: .table))
        }
        return !rows.isEmpty
    }

    /// A row whose number the reader took for a clause's (`1 | 地区生产总值 | …`), after the
    /// clause that holds the header.
    mutating func readTableRow(_ item: Item) -> Bool {
        guard let header = openTable else { return false }
        guard let number = item.section.number, let line = item.lines.first, line.hasPrefix("|") else {
            openTable = nil
            return false
        }
        let cells = [number.label] + line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard let row = header.row(cells, year: year), !row.task.isEmpty, row.hasUnits else { return true }
        assigned.append(AssignedTask(ref: item.ref, citation: item.citation, text: TaskText.firstSentence(row.task), lead: row.lead,
                                   units: row.units, deadline: row.deadline, layout: .table))
        return true
    }

    // MARK: - Responsibility cells

    /// Paragraphs each followed by a line that only names units and their part
    /// (`市发改委牵头落实`, `市金融办、人民银行潍坊市中心支行分别牵头落实`): a table's columns printed
    /// one cell per line, its header lost. Once such a line is seen, a line of units alone is one
    /// too, as is one followed by a deadline cell (`全年`); a person between the task and its units
    /// is its 责任领导, a number opens the next row.
    mutating func readCells(_ item: Item) -> Bool {
        var found = false
        var task: String?
        var number: String?
        var last: Int?
        let lines = item.section.heading == nil ? item.lines : Array(item.lines.dropFirst())
        for (index, line) in lines.enumerated() {
            let nextIsDeadline = index + 1 < lines.count && Deadline.cell(lines[index + 1], year: year) != nil
            if line.count <= 3, line.allSatisfy(\.isASCII), line.allSatisfy(\.isNumber) {
                number = line
            } else if let roles = UnitRoles.cell(line), roles.explicit || found || nextIsDeadline, let printed = task {
                let ref = [item.ref, number].compactMap { $0 }.joined()
                assigned.append(AssignedTask(ref: ref.isEmpty ? nil : ref, citation: item.citation, text: TaskText.firstSentence(printed),
                                           lead: roles.lead, units: roles.units, deadline: nil, layout: .cell))
                found = true
                last = assigned.count - 1
                task = nil
            } else if let last, task == nil, assigned[last].deadline == nil, let deadline = Deadline.cell(line, year: year) {
                assigned[last].deadline = deadline
            } else if task != nil, TaskText.isPersonList(line) {
                continue
            } else {
                task = line
            }
        }
        return found
    }

    // MARK: - Orders of the covering notice

    /// A sentence naming who (`各责任单位`), by when (a deadline) and what is to be reported
    /// (`…将工作方案报区人民政府办公室`).
    /// A sentence that names no one (`从3月起，务于每月25日前将…报旗政府督查室`) is for whom the
    /// sentence before it in the paragraph names (`各地区、各部门要高度重视…`).
    mutating func readOrders(_ item: Item) {
        for line in item.lines {
            var named: [String] = []
            for sentence in TaskText.sentences(line) {
                let key = Simplified.key(sentence)
                let subject = TaskText.subject(in: sentence, key: key)
                if !subject.isEmpty { named = subject }
                guard let deadline = Deadline.inText(sentence, year: year), !named.isEmpty,
                      ["报", "提交", "反馈"].contains(where: { key.contains($0) }) else { continue }
                assigned.append(AssignedTask(ref: nil, citation: item.citation, text: sentence, lead: [], units: named,
                                           deadline: deadline, layout: .order))
            }
        }
    }

    static func firstYear(in text: String) -> Int? {
        let characters = Array(text)
        var index = 0
        while index + 4 < characters.count {
            if characters[index ..< index + 4].allSatisfy(\.isASCII), let year = Int(String(characters[index ..< index + 4])),
               (1949...2100).contains(year), characters[index + 4] == "年" {
                return year
            }
            index += 1
        }
        return nil
    }
}

enum TaskTable {
    enum Column: Equatable { case number, task, lead, units, leader, deadline, other }

    struct Cell {
        var text: String
        var line: Int
        /// How many cells its line holds (`1 | 地区生产总值 | … |` on one line: several).
        var onItsLine: Int
    }

    struct Header {
        var columns: [Column]
        var end: Int
        var numbered: Bool { columns.contains(.number) }
        /// Columns such as 推进情况 or 说明 come after the units and the deadline.
        var othersAfterUnits: Bool {
            guard let last = columns.lastIndex(where: { $0 == .units || $0 == .lead || $0 == .deadline }) else { return false }
            return columns[(last + 1)...].contains(.other)
        }

        /// A row printed on one line, read cell by column.
        func row(_ cells: [String], year: Deadline.Year) -> Row? {
            guard let first = cells.first, !numbered || TaskTable.isNumber(first) else { return nil }
            var row = Row(number: numbered ? first : nil)
            for (cell, column) in zip(cells, columns) {
                switch column {
                case .task where row.task.isEmpty: row.task = cell
                case .lead:
                    row.lead += UnitRoles.names(cell, cutAtEnd: true).names
                    row.hasUnits = true
                case .units:
                    row.units += UnitRoles.names(cell, cutAtEnd: true).names
                    row.hasUnits = true
                case .deadline: row.deadline = Deadline.cell(cell, year: year)
                default: continue
                }
            }
            return row
        }
    }

    struct Row {
        var number: String?
        var task = ""
        var lead: [String] = []
        var units: [String] = []
        var deadline: Deadline?
        var hasUnits = false
        var inherited = false
    }

    static func isNumber(_ cell: String) -> Bool {
        cell.count <= 3 && (cell.allSatisfy { $0.isASCII && $0.isNumber } || ChineseNumeral.value(cell) != nil)
    }

    /// What a header cell names (`责任主体与协同单位`: units, `分管领导`: a person, `1-10月推进情况`: other).
    static func column(_ name: String) -> Column {
        let key = Simplified.key(name)
        if key == "序号" || key == "编号" { return .number }
        if key.contains("领导") || key.contains("责任人") { return .leader }
        if key.contains("牵头") { return .lead }
        if ["单位", "部门", "主体"].contains(where: key.contains) { return .units }
        if ["时限", "完成时间", "时间节点", "完成期限"].contains(where: key.contains) { return .deadline }
        if ["情况", "进展", "说明", "备注", "类型", "是否", "要求", "指标", "分值"].contains(where: key.contains) { return .other }
        if ["任务", "工作", "内容", "实事", "事项", "项目", "措施", "目标", "名称"].contains(where: key.contains) { return .task }
        return .other
    }

    /// The header row: three or more short cells, opened by 序号 or a task column, naming a task
    /// column and a unit column.
    static func header(in cells: [Cell]) -> Header? {
        func isHeaderCell(_ text: String) -> Bool {
            text.count <= 12 && !text.contains(where: { "。，；、：".contains($0) }) && !isNumber(text)
        }
        var index = 0
        while index < cells.count {
            guard isHeaderCell(cells[index].text), [.number, .task].contains(column(cells[index].text)) else {
                index += 1
                continue
            }
            var end = index
            while end < cells.count, isHeaderCell(cells[end].text) { end += 1 }
            let columns = cells[index..<end].map { column($0.text) }
            if columns.count >= 3, columns.contains(.task), columns.contains(where: { $0 == .units || $0 == .lead }) {
                return Header(columns: columns, end: end)
            }
            index = end
        }
        return nil
    }
}

/// The units a bracket, a field or a cell names, and their part.
struct UnitRoles {
    var lead: [String] = []
    var units: [String] = []
    /// True when a label or a role word says what the units are (`牵头单位：`, `X牵头`, `Y参与`),
    /// false for a bare list.
    var explicit = false

    enum Relation { case lead, unit, leader, deadline }

    static let labels: [(String, Relation)] = [
        ("牵头责任单位", .lead), ("主要责任单位", .unit), ("牵头单位", .lead), ("牵头部门", .lead),
        ("责任单位", .unit), ("责任部门", .unit), ("配合单位", .unit), ("配合部门", .unit), ("参与单位", .unit), ("参与部门", .unit),
("联动部门", .unit), ("协办单位", .unit), ("协同单位", .unit), ("协作单位", .unit), ("实施单位", .unit), ("承办单位", .unit),
        ("责任领导", .leader), ("牵头领导", .leader), ("分管领导", .leader), ("协调领导", .leader), ("责任人", .leader),
        ("完成时限", .deadline), ("完成时间", .deadline), ("时间节点", .deadline), ("时限要求", .deadline),
    ]

    /// Role words after a list of units, longest first.
    static let leadWords = ["分别牵头落实", "牵头落实", "牵头督导", "牵头负责", "牵头抓总", "牵头"]
    static let unitWords = ["按职责分工负责", "按职责分工落实", "负责落实", "共同负责", "配合落实", "参与", "配合", "协办", "协同", "负责"]
    /// Clauses that state a rule for the list rather than name units.
    static let ruleWords = ["下同", "不再", "以下", "均需", "均涉及", "具体任务", "排名第一"]

    /// A field line: `责任单位：市教育局`.
    static func field(_ line: String) -> (relation: Relation, value: String)? {
        let key = Simplified.key(line)
        for (label, relation) in labels where key.hasPrefix(label) {
            let rest = key.dropFirst(label.count)
            guard let colon = rest.first, colon == "：" || colon == ":" else { continue }
            return (relation, String(line.dropFirst(label.count + 1)).trimmingCharacters(in: .whitespaces))
        }
        return nil
    }

    /// The units in a bracket's content, or nil when it names none.
    static func read(_ content: String) -> UnitRoles? {
        let key = Simplified.key(content)
        var roles = UnitRoles()
        let characters = Array(content)
        let keyCharacters = Array(key)
        // Labelled lists: each runs to the next label or the end of its sentence.
        var marks: [(start: Int, valueStart: Int, relation: Relation)] = []
        var index = 0
        while index < keyCharacters.count {
            var matched = false
            for (label, relation) in labels {
                let labelCharacters = Array(label)
                let end = index + labelCharacters.count
                if end < keyCharacters.count, keyCharacters[index..<end].elementsEqual(labelCharacters), "：:".contains(keyCharacters[end]) {
                    marks.append((index, end + 1, relation))
                    index = end + 1
                    matched = true
                    break
                }
            }
            if !matched { index += 1 }
        }
        if !marks.isEmpty {
            for (position, mark) in marks.enumerated() {
                let limit = position + 1 < marks.count ? marks[position + 1].start : characters.count
                var value = String(characters[mark.valueStart..<limit])
                if let stop = value.firstIndex(where: { "。".contains($0) }) { value = String(value[..<stop]) }
                value = strip(value, words: unitWords)
                switch mark.relation {
                case .lead: roles.lead += names(value).names
                case .unit: roles.units += names(value).names
                case .leader, .deadline: continue
                }
            }
            roles.explicit = true
            return roles.lead.isEmpty && roles.units.isEmpty ? nil : roles
        }
        // Lists with role words: `X牵头，Y、Z参与，W负责落实`.
        var plain: [String] = []
        for clause in TaskText.clauses(content) {
            let clauseKey = Simplified.key(clause)
            if ruleWords.contains(where: clauseKey.contains) { continue }
            if let word = leadWords.first(where: { clauseKey.hasSuffix($0) }) {
                roles.lead += names(String(clause.dropLast(word.count))).names
                roles.explicit = true
            } else if let word = unitWords.first(where: { clauseKey.hasSuffix($0) }) {
                roles.units += names(String(clause.dropLast(word.count))).names
                roles.explicit = true
            } else {
                let list = names(clause)
                guard list.allUnits, !list.names.isEmpty else {
                    if roles.explicit { continue }
                    return nil
                }
                plain += list.names
            }
        }
        if key.contains("排名第一的为牵头单位"), !plain.isEmpty {
            roles.lead.append(plain.removeFirst())
            roles.explicit = true
        }
        roles.units += plain
        return roles.lead.isEmpty && roles.units.isEmpty ? nil : roles
    }

    /// A cell or line that only names units and, perhaps, their part (`市发改委牵头落实`).
    static func cell(_ line: String) -> UnitRoles? {
        // A sentence (it ends in 。) is a task cell, whatever it ends with (`迁建县政务服务中心。`).
        guard line.count <= 120, !line.contains("。") else { return nil }
        let text = line
        let key = Simplified.key(text)
        if let word = leadWords.first(where: { key.hasSuffix($0) }) {
            let list = names(String(text.dropLast(word.count)))
            return list.allUnits && !list.names.isEmpty ? UnitRoles(lead: list.names, explicit: true) : nil
        }
        if let word = unitWords.first(where: { key.hasSuffix($0) }) {
            let list = names(String(text.dropLast(word.count)))
            return list.allUnits && !list.names.isEmpty ? UnitRoles(units: list.names, explicit: true) : nil
        }
        let list = names(text, cutAtEnd: true)
        return list.allUnits && !list.names.isEmpty ? UnitRoles(units: list.names) : nil
    }

    /// What follows `各镇` in one collective name (`各镇、街道`, `各乡、镇`).
    static let collectiveTails: Set<String> = ["街道", "乡镇", "镇", "乡", "社区", "街道办事处"]

    static func strip(_ value: String, words: [String]) -> String {
        let trimmed = value.trimmingCharacters(in: CharacterSet(charactersIn: " ，,；;、"))
        let key = Simplified.key(trimmed)
        for word in words where key.hasSuffix(word) { return String(trimmed.dropLast(word.count)) }
        return trimmed
    }

    /// Names split at `、` `，` `；` and spaces, not inside brackets; a piece that is no unit's name
    /// (`各县`) is joined to the next (`各县、区人民政府（管委会）`), and one left over at the end, a
    /// name cut short (`人民银`), is dropped. `allUnits` is false when a piece that is not a name
    /// was dropped (except, with `cutAtEnd`, the last).
    static func names(_ text: String, cutAtEnd: Bool = false) -> (names: [String], allUnits: Bool) {
        var pieces: [String] = []
        var current = ""
        var depth = 0
        for character in text {
            if "（(〔[【".contains(character) { depth += 1 }
            if "）)〕]】".contains(character) { depth = max(0, depth - 1) }
            if depth == 0, "、，,；; ".contains(character) {
                pieces.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        pieces.append(current)
        var result: [String] = []
        var pending: String?
        var allUnits = true
        let trimmed = pieces.map { TaskText.withoutTrailingEtc($0.trimmingCharacters(in: .whitespaces)) }.filter { !$0.isEmpty }
        for (index, piece) in trimmed.enumerated() {
            // `各镇、街道`: one collective name, as the reference data files it.
            if let previous = result.last, previous.hasPrefix("各"), previous.count <= 3, collectiveTails.contains(piece) {
                result[result.count - 1] = previous + "、" + piece
                continue
            }
            let candidate = pending.map { $0 + "、" + piece } ?? piece
            if TaskText.isUnitName(candidate) {
                result.append(candidate)
                pending = nil
            } else if pending == nil, candidate.count <= 4, index + 1 < trimmed.count {
                pending = candidate
            } else {
                pending = nil
                if !(cutAtEnd && index == trimmed.count - 1) { allUnits = false }
            }
        }
        if pending != nil, !cutAtEnd { allUnits = false }
        return (result, allUnits)
    }
}

/// Words and pieces of text the task reader needs.
enum TaskText {
    /// Endings of a unit's name (checked on the simplified form, a bracket at the end set aside).
    static let unitEndings = [
        "局", "委", "办", "府", "厅", "部", "室", "院", "所", "中心", "行", "队", "会", "团", "司", "处", "站", "库", "联", "组",
        "馆", "校", "社", "单位", "部门", "机构", "开发区", "特区", "新区", "园区", "街道", "乡镇", "镇", "署", "集团", "台", "网",
        "专班", "科", "股",
    ]
    /// Words that make a piece a sentence rather than a name.
    static let sentenceWords = ["要", "将", "对", "按", "的", "是", "进行", "加强", "推进", "完成", "开展", "落实", "实施", "建立", "提高", "确保"]

    static func isUnitName(_ name: String) -> Bool {
        var key = Simplified.key(name)
        if key.hasSuffix("）") || key.hasSuffix(")"), let open = key.lastIndex(where: { $0 == "（" || $0 == "(" }) {
            key = String(key[..<open])
        }
        guard key.count >= 2, key.count <= 32, !key.contains(where: { "。：:“”《》".contains($0) }), !key.allSatisfy(\.isNumber) else { return false }
        // `市直各有关单位`, `各责任单位` and `承担招商引资任务的区直部门` are names (a collective
        // one); a sentence with 的 or a verb in it ending otherwise is not.
        if sentenceWords.contains(where: { key.contains($0) }) && !key.hasPrefix("各") && !key.hasSuffix("单位") && !key.hasSuffix("部门") { return false }
        return unitEndings.contains(where: key.hasSuffix)
    }

    static func withoutTrailingEtc(_ name: String) -> String {
        for word in ["等有关部门", "等相关部门", "等有关单位", "等相关单位", "等部门", "等单位", "等"] where name.hasSuffix(word) {
            return String(name.dropLast(word.count))
        }
        return name
    }

    /// `张云峰`, `杜新国、丁玲`: two to four Han characters each.
    static func isPersonList(_ cell: String) -> Bool {
        let names = cell.split(whereSeparator: { "、，, ".contains($0) })
        return !names.isEmpty && names.allSatisfy { name in
            (2...4).contains(name.count) && name.unicodeScalars.allSatisfy(Normalize.isHan) && !isUnitName(String(name))
        }
    }

    /// The text up to and with the end of its first sentence (`。`, `！`, `？`, or a line's end),
    /// without leading punctuation.
    static func firstSentence(_ text: String) -> String {
        let trimmed = text.drop(while: { " \n，。；、：".contains($0) })
        guard let end = trimmed.firstIndex(where: { "。！？\n".contains($0) }) else {
            return String(trimmed).trimmingCharacters(in: .whitespaces)
        }
        let cut = trimmed[end] == "\n" ? trimmed[..<end] : trimmed[...end]
        return String(cut).trimmingCharacters(in: .whitespaces)
    }

    static func sentences(_ line: String) -> [String] {
        var result: [String] = []
        var current = ""
        var depth = 0
        for character in line {
            current.append(character)
            if "（(〔“《".contains(character) { depth += 1 }
            if "）)〕”》".contains(character) { depth = max(0, depth - 1) }
            if depth == 0, "。！？".contains(character) {
                result.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
            }
        }
        if !current.trimmingCharacters(in: .whitespaces).isEmpty { result.append(current.trimmingCharacters(in: .whitespaces)) }
        return result
    }

    /// A bracket's content split into clauses at `，` `；` `。` outside inner brackets.
    static func clauses(_ content: String) -> [String] {
        var result: [String] = []
        var current = ""
        var depth = 0
        for character in content {
            if "（(〔[【".contains(character) { depth += 1 }
            if "）)〕]】".contains(character) { depth = max(0, depth - 1) }
            if depth == 0, "，,；;。".contains(character) {
                result.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        result.append(current)
        return result.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    struct Span {
        var open: Int
        var close: Int
    }

    /// The outermost brackets of a text, by character offset; one left open runs to the end.
    static func brackets(in characters: [Character]) -> [Span] {
        var spans: [Span] = []
        var depth = 0
        var open = 0
        for (index, character) in characters.enumerated() {
            if "（(〔【[".contains(character) {
                if depth == 0 { open = index }
                depth += 1
            } else if "）)〕】]".contains(character), depth > 0 {
                depth -= 1
                if depth == 0 { spans.append(Span(open: open, close: index)) }
            }
        }
        if depth > 0 { spans.append(Span(open: open, close: characters.count)) }
        return spans
    }

    /// Who a notice's order is for: `各责任单位`, `各镇（街道）`, `区直各部门`, `各部门各单位`;
    /// `各地区、各部门` is two.
    static func subject(in sentence: String, key: String) -> [String] {
        guard let match = subjectPattern.firstMatch(in: key, range: NSRange(key.startIndex..., in: key)),
              let range = Range(match.range, in: key) else { return [] }
        let start = key.distance(from: key.startIndex, to: range.lowerBound)
        var printed = String(Array(sentence)[start..<(start + key[range].count)])
        if printed.hasSuffix("、") { printed.removeLast() }
        let collective = printed.components(separatedBy: "、各").enumerated().map { $0.offset == 0 ? $0.element : "各" + $0.element }
        return namedBefore(start, in: sentence) + collective
    }

    /// `区重污染天气应急指挥部办公室和各镇（街道）`: units that open the sentence before the 各… subject.
    static func namedBefore(_ start: Int, in sentence: String) -> [String] {
        var prefix = String(sentence.prefix(start))
        guard let joint = prefix.last, "和及、".contains(joint) else { return [] }
        prefix.removeLast()
        let pieces = prefix.split(whereSeparator: { "、和及".contains($0) }).map(String.init)
        return !pieces.isEmpty && pieces.allSatisfy(isUnitName) ? pieces : []
    }

    static let subjectPattern = try! NSRegularExpression(
        pattern: "(([市区县]直)?各[\\p{Han}、]{0,8}?(单位|部门|乡镇|街道|镇街|县区|区县|地区|镇（街道）|镇\\(街道\\))、?)+")

    /// `舊（jiù）`: a reading some sites insert after a character.
    static func withoutReadings(_ text: String) -> String {
        guard text.contains(where: { $0 == "（" || $0 == "(" }) else { return text }
        let range = NSRange(text.startIndex..., in: text)
        return reading.stringByReplacingMatches(in: text, range: range, withTemplate: "")
    }

    static let reading = try! NSRegularExpression(pattern: "[（(][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}[）)]")
}
