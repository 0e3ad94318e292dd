import Foundation
import GazetteModel
import ModuleSpine

/// The facts of a project by name, as a clerk gives them: options (`--total-investment 8000`), a
/// CSV with English or Chinese headers (`总投资`), or the JSON file. Every name is checked: a
/// misspelt one is an error that lists the names, never a fact silently left out.
enum ProjectFacts {
    enum Kind { case amount, share, count, date, flag, industry }

    struct Field {
        /// The JSON key (`totalInvestment`); the option is its kebab form.
        var key: String
        var kind: Kind
        /// The headers a CSV may use, the document's words first.
        var headers: [String]

        var option: String {
            key.reduce(into: "") { result, character in
                if character.isUppercase { result += "-" + character.lowercased() } else { result.append(character) }
            }
        }
    }

    static let fields: [Field] = [
        Field(key: "industry", kind: .industry, headers: ["产业", "行业"]),
        Field(key: "totalInvestment", kind: .amount, headers: ["总投资", "总投资（万元）"]),
        Field(key: "foreignInvestmentActual", kind: .amount, headers: ["实际到位外资", "实际到位外资（万美元）"]),
        Field(key: "usdRate", kind: .amount, headers: ["美元汇率", "汇率"]),
        Field(key: "externalInvestmentActual", kind: .amount, headers: ["实际到位外来投资", "外来投资", "实际到位外来投资（万元）"]),
        Field(key: "outOfCityShare", kind: .share, headers: ["市外投资占比"]),
        Field(key: "committedTaxPerMu", kind: .amount, headers: ["承诺亩均税收", "亩均税收"]),
        Field(key: "registeredCapital", kind: .amount, headers: ["注册资本"]),
        Field(key: "annualRent", kind: .amount, headers: ["年租金", "房租"]),
        Field(key: "annualTax", kind: .amount, headers: ["年纳税额", "纳税额"]),
        Field(key: "landSupport", kind: .amount, headers: ["土地政策支持", "土地支持"]),
        Field(key: "otherSubsidies", kind: .amount, headers: ["其他补助", "其他政府性补助"]),
        Field(key: "startDate", kind: .date, headers: ["开工日期", "租赁日期"]),
        Field(key: "registeredLocally", kind: .flag, headers: ["在我区注册", "本区注册"]),
        Field(key: "independentLegalPerson", kind: .flag, headers: ["独立法人", "具有独立法人资格"]),
        Field(key: "industrialPolicyCompliant", kind: .flag, headers: ["符合产业政策", "符合国家产业政策"]),
        Field(key: "operationYearsCommitted", kind: .count, headers: ["承诺运营年限", "持续运营年限"]),
        Field(key: "keyChain", kind: .flag, headers: ["重点产业链", "补链强链延链"]),
    ]

    /// What `--help` says of the fields.
    static var help: String {
        fields.map { "--\($0.option) (\($0.headers[0]))" }.joined(separator: ", ")
    }

    /// The field a name stands for: its JSON key, its option (with or without `--`), or a header.
    static func field(_ name: String) -> Field? {
        let key = Normalize.key(name.hasPrefix("--") ? String(name.dropFirst(2)) : name)
        return fields.first { $0.key == key || $0.option == key || $0.headers.contains(key) }
    }

    /// A project from named values (`total-investment` → `8000`); `place` says where each came
    /// from in a refusal (`--total-investment`, `projects.csv:3 column 总投资`).
    static func project(_ values: [(name: String, value: String, place: String)]) throws -> Project {
        var object: [String: Any] = [:]
        for (name, value, place) in values {
            guard let field = field(name) else {
                throw EntryError(place, "\(name) is not a fact of a project; the facts are \(help)")
            }
            guard object[field.key] == nil else { throw EntryError(place, "\(field.headers[0]) is given twice") }
            if Normalize.key(value).isEmpty { continue }
            object[field.key] = try json(value, field, place: place)
        }
        guard object["industry"] != nil else {
            throw EntryError("industry", "say the project's industry (--industry 智能装备制造, 功能性新材料 or 互联网大数据)")
        }
        return try JSONDecoder().decode(Project.self, from: JSONSerialization.data(withJSONObject: object))
    }

    static func json(_ value: String, _ field: Field, place: String) throws -> Any {
        switch field.kind {
        case .amount, .count:
            switch TypedValue.amount(value) {
            case .success(let number) where number >= 0: return NSDecimalNumber(decimal: number)
            case .success: throw EntryError(place, "\(value) is less than 0")
            case .failure(let reason): throw EntryError(place, reason.description)
            }
        case .share:
            // `60%`, `0.6`: a share of 1.
            let percent = value.hasSuffix("%") || value.hasSuffix("％")
            guard case .success(var number) = TypedValue.amount(percent ? String(value.dropLast()) : value) else {
                throw EntryError(place, "\(value) is not a share (0.6 or 60%)")
            }
            if percent { number /= 100 }
            guard number >= 0, number <= 1 else { throw EntryError(place, "\(value) is not a share between 0 and 1 (or 0% and 100%)") }
            return NSDecimalNumber(decimal: number)
        case .date:
            switch TypedValue.date(value) {
            case .success(let date): return date.description
            case .failure(let reason): throw EntryError(place, reason.description)
            }
        case .flag:
            guard let flag = YesNo(printed: value) else { throw EntryError(place, "\(value) is neither 是 nor 否 (yes, no)") }
            return flag == .yes
        case .industry:
            guard let industry = Industry(printed: value) else {
                throw EntryError(place, "\(value) is not one of the industries of 二(一): 智能装备制造, 功能性新材料, 互联网大数据")
            }
            return industry.rawValue
        }
    }

    /// The projects of a CSV: a `name` (项目名称) column and one column per fact, headers in English
    /// or Chinese; an unknown header is refused with the facts there are.
    static func projects(csv text: String, file: String) throws -> [(name: String, project: Project)] {
        let names = ["name", "项目名称", "名称"]
        let columns = [CSVTable.Column("name", "项目名称", "名称")] + fields.map { field in
            var column = CSVTable.Column(field.key, required: false)
            column.aliases = [field.option] + field.headers
            return column
        }
        let table = try CSVTable(text: text, file: file, columns: columns, comments: true)
        for header in table.header where !names.contains(Normalize.key(header).lowercased()) && field(header) == nil {
            throw InputError(file: file, line: table.headerLine, column: 1,
                             message: "the header \(header) is not a fact of a project; the facts are \(help)")
        }
        return try table.rows.map { row in
            let values = fields.compactMap { field -> (String, String, String)? in
                row.value(field.key).map { (field.key, $0, "\(file):\(row.line) column \(field.headers[0])") }
            }
            return (try row.required("name"), try project(values))
        }
    }
}

/// A value of a project file: a number, a text, true or false, or null, as it is written.
enum JSONScalar: Decodable {
    case number(Decimal), text(String), flag(Bool), null

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let flag = try? container.decode(Bool.self) { self = .flag(flag) }
        else if let number = try? container.decode(Decimal.self) { self = .number(number) }
        else { self = .text(try container.decode(String.self)) }
    }

    /// As a clerk would type it.
    var text: String {
        switch self {
        case .number(let number): "\(number)"
        case .text(let text): text
        case .flag(let flag): flag ? "yes" : "no"
        case .null: ""
        }
    }
}

extension Industry {
    /// `智能装备制造`, `智能装备制造产业`, or the code.
    init?(printed: String) {
        let key = Normalize.key(printed)
        let labels: [(Industry, [String])] = [(.smartEquipment, ["智能装备制造", "智能装备"]), (.newMaterials, ["功能性新材料", "新材料"]),
                                              (.bigData, ["互联网大数据", "大数据"])]
        guard let found = Industry(rawValue: key) ?? labels.first(where: { $0.1.contains { key == $0 || key == $0 + "产业" } })?.0 else { return nil }
        self = found
    }
}
