import Foundation
import GRDB
import GazetteModel
import GazetteStore
import ModuleSpine

/// The kinds of problem land of 二(三)–(六), with their codes and the gazette's labels.
public enum ParcelCategory: String, Codable, LabelledChoice, DatabaseValueConvertible {
    case approvedUnsupplied = "approved-unsupplied"
    case idle, inefficient, illegal, linkage, farmland

    public var label: String {
        switch self {
        case .approvedUnsupplied: "批而未供"
        case .idle: "闲置"
        case .inefficient: "低效"
        case .illegal: "违法违规"
        case .linkage: "增减挂钩"
        case .farmland: "耕地和永久基本农田"
        }
    }

    /// The task category (二(x)) whose tasks and units handle this kind of land.
    public var taskCategory: String {
        switch self {
        case .approvedUnsupplied, .idle, .inefficient: "批而未供和闲置、低效土地盘活利用"
        case .illegal: "违法违规用地整改"
        case .linkage: "增减挂钩项目清理"
        case .farmland: "耕地和永久基本农田不实问题整改"
        }
    }

    /// Words of the title of the one task (二(三)6, 7, 8) that handles this kind of land, where its
    /// category holds several tasks for several kinds.
    var taskWords: String? {
        switch self {
        case .approvedUnsupplied: "批而未供土地处置"
        case .idle: "闲置土地处置"
        case .inefficient: "低效用地再开发"
        case .illegal, .linkage, .farmland: nil
        }
    }

    public var labels: [String] { [label, label + "土地"] }
}

/// A rectification task of 二 with its responsible units.
struct LandTask: Sendable {
    var category: String
    var title: String
    var units: [String]

    /// The units responsible for a parcel: those of its own task (the tasks of its category when
    /// no title names its kind), the parcel's own town for `各镇（街道）`.
    static func units(of parcel: Parcel, among tasks: [LandTask]) -> [String] {
        let ofCategory = tasks.filter { $0.category == parcel.category.taskCategory }
        let own = parcel.category.taskWords.map { words in ofCategory.filter { $0.title.contains(words) } } ?? []
        var units: [String] = []
        for unit in (own.isEmpty ? ofCategory : own).flatMap(\.units) {
            let unit = ["各镇（街道）", "各镇、街道", "各镇(街道)", "镇（街道）"].contains(unit) ? parcel.town : unit
            if !units.contains(unit) { units.append(unit) }
        }
        return units
    }
}

/// Why land lies idle (二(三)7): 政府原因 or 企业原因.
public enum IdleCause: String, Codable, LabelledChoice, DatabaseValueConvertible {
    case government, enterprise

    public var labels: [String] {
        switch self {
        case .government: ["政府原因", "政府"]
        case .enterprise: ["企业原因", "企业"]
        }
    }
}

/// One parcel or problem of the ledger (台账).
public struct Parcel: StoredRecord, Sendable, Equatable {
    public static let databaseTableName = "land_parcel"

    public var id: String
    public var town: String
    public var category: ParcelCategory
    public var areaMu: Decimal
    public var agreedStart: CivilDate?
    public var actualStart: CivilDate?
    public var cause: IdleCause?
    public var approvalDate: CivilDate?
    public var supplyDate: CivilDate?
    public var price: Decimal?
    public var status: String?
    /// What the monthly ledger lists of it (all but the clerk's close and the void marks).
    var listed: [String] {
        [town, category.rawValue, "\(areaMu)", agreedStart?.description ?? "", actualStart?.description ?? "", cause?.rawValue ?? "",
         approvalDate?.description ?? "", supplyDate?.description ?? "", price.map { "\($0)" } ?? "", status ?? ""]
    }

    /// 挂账销号: the day it was closed, with its evidence.
    public var closedOn: CivilDate?
    public var evidence: String?
    public var voidedAt: String?
    public var voidReason: String?

    /// Closed with evidence (挂账销号); approved-unsupplied land also once it is supplied, its supply
    /// being the evidence.
    func closed(by day: CivilDate) -> Bool {
        (closedOn.map { $0 <= day } ?? false) || (category == .approvedUnsupplied && (supplyDate.map { $0 <= day } ?? false))
    }
}

extension Parcel: LedgerEntry {
    public static let module = LandRectificationModule.id
    public static let noun = "parcel"
    public static let command = "land parcels"
    public var key: String? { id }

    public static func choice(forField field: String) -> (any LabelledChoice.Type)? {
        switch field {
        case "category": ParcelCategory.self
        case "cause": IdleCause.self
        default: nil
        }
    }

    public static let columns: [OutputColumn<Parcel>] = [
        OutputColumn("id") { $0.id }, OutputColumn("town") { $0.town }, OutputColumn("category") { $0.category.label },
        OutputColumn("area (亩)") { "\($0.areaMu)" }, OutputColumn("approved") { $0.approvalDate?.description ?? "" },
        OutputColumn("agreed start") { $0.agreedStart?.description ?? "" }, OutputColumn("started") { $0.actualStart?.description ?? "" },
        OutputColumn("cause") { $0.cause?.rawValue ?? "" }, OutputColumn("supplied") { $0.supplyDate?.description ?? "" },
        OutputColumn("closed") { parcel in parcel.closedOn.map { "\($0): \(parcel.evidence ?? "")" } ?? "" },
    ]

    /// Land is supplied after it is approved; an item is closed (销号) only with its evidence.
    public func check(on today: CivilDate, in db: Database) throws {
        try requireHappened(closedOn, field: "closed-on", today: today)
        if let approved = approvalDate, let supplied = supplyDate, supplied < approved {
            throw EntryError("supply-date", "\(supplied) is before the land was approved (\(approved))")
        }
        if let started = actualStart, let approved = approvalDate, started < approved {
            throw EntryError("actual-start", "\(started) is before the land was approved (\(approved))")
        }
        if closedOn != nil, (evidence ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            throw EntryError("evidence", "an item is closed (销号) only with its evidence (周政办字〔2020〕37号 三)")
        }
    }
}

enum ParcelLedger {
    /// The columns, in English or as the 台账 prints them.
    static let columns: [CSVTable.Column] = [
        .init("id", "编号", "图斑编号", "地块编号"), .init("town", "镇街", "镇（街道）"), .init("category", "类别", "类型"),
        .init("area_mu", "面积", "面积（亩）", "面积(亩)"), .init("agreed_start", "约定开工日期"), .init("actual_start", "实际开工日期"),
        .init("cause", "原因", "闲置原因"),
        .init("approval_date", "批准日期", required: false), .init("supply_date", "供地日期", required: false),
        .init("price", "价款", "出让价款", required: false), .init("status", "状态", "处置状态", required: false),
    ]

    /// Reads the CSV whole; the first bad row refuses the file with its line and column. A town
    /// typed short (`南郊`) is read as the district's list names it, and `note` hears of it.
    static func parse(_ text: String, file: String, note: (String) -> Void = { _ in }) throws -> [Parcel] {
        let table = try CSVTable(text: text, file: file, columns: columns, comments: true)
        var seen = Set<String>()
        return try table.rows.map { row in
            func value(_ column: String) -> String? { row.value(column).flatMap { $0.isEmpty ? nil : $0 } }
            func date(_ column: String) throws -> CivilDate? {
                guard let text = value(column) else { return nil }
                guard let date = CivilDate(text) else { throw row.error(column, "\(text) is not a date (YYYY-MM-DD)") }
                return date
            }
            func decimal(_ column: String) throws -> Decimal? {
                guard let text = value(column) else { return nil }
                guard text.wholeMatch(of: /[0-9]+(\.[0-9]+)?/) != nil, let number = Decimal(string: text) else { throw row.error(column, "\(text) is not a number ≥ 0") }
                return number
            }
            let id = try row.required("id")
            guard seen.insert(id).inserted else { throw row.error("id", "\(id) appears twice") }
            let typedTown = try row.required("town")
            let town: (name: String, note: String?)
            switch Towns.standard.resolve(typedTown) {
            case .success(let found): town = found
            case .failure(let reason): throw row.error("town", reason.description)
            }
            if let townNote = town.note { note("\(file): parcel \(id): \(townNote)") }
            guard let categoryText = value("category"), let category = ParcelCategory(printed: categoryText) else {
                throw row.error("category", "\(value("category") ?? "") is not one of \(ParcelCategory.allCases.map { "\($0.rawValue) (\($0.label))" }.joined(separator: ", "))")
            }
            guard let area = try decimal("area_mu") else { throw row.error("area_mu", "is empty") }
            var cause: IdleCause?
            if let text = value("cause") {
                guard let given = IdleCause(printed: text) else { throw row.error("cause", "\(text) is not \(IdleCause.spelledChoices)") }
                cause = given
            }
            return Parcel(id: id, town: town.name, category: category, areaMu: area, agreedStart: try date("agreed_start"),
                          actualStart: try date("actual_start"), cause: cause, approvalDate: try date("approval_date"),
                          supplyDate: try date("supply_date"), price: try decimal("price"), status: value("status"))
        }
    }

    /// What the parcels of a ledger imported again change in the one in force, by parcel id. A
    /// parcel's close (挂账销号) is the clerk's and stays; the rest is the ledger's.
    static func changes(to parcels: [Parcel], in db: Database) throws -> ListChanges {
        let current = Dictionary(uniqueKeysWithValues: try all(in: db).map { ($0.id, $0) })
        var changes = ListChanges()
        for parcel in parcels {
            guard let old = current[parcel.id] else { changes.added.append(parcel.id); continue }
            if old.listed != parcel.listed { changes.changed.append(parcel.id) }
        }
        changes.removed = current.keys.filter { id in !parcels.contains { $0.id == id } }.sorted()
        return changes
    }

    /// Puts the ledger in force in place of the one there is: removed parcels voided (kept),
    /// changed ones corrected (their closes kept), new ones added, each write logged.
    static func replace(with parcels: [Parcel], source: String, by context: OperationContext, in db: Database) throws -> ListChanges {
        let changes = try changes(to: parcels, in: db)
        let reason = "parcel ledger replaced from \(source)"
        for id in changes.removed { _ = try Ledger.void(Parcel.self, key: id, reason: reason, by: context, in: db) }
        for var parcel in parcels {
            if let old = try Parcel.fetchOne(db, key: parcel.id) {
                guard old.voidedAt != nil || old.listed != parcel.listed else { continue }
                parcel.closedOn = old.closedOn
                parcel.evidence = old.evidence
                try Ledger.update(parcel, from: old, action: old.voidedAt == nil ? "amend" : "restore", reason: reason, restoring: true, by: context, in: db)
            } else {
                try Ledger.add(&parcel, reason: reason, by: context, in: db)
            }
        }
        return changes
    }

    /// Adds the parcels (ids already in the ledger are refused: it never overwrites silently).
    static func add(_ parcels: [Parcel], by context: OperationContext, in db: Database) throws {
        for parcel in parcels {
            guard try !Parcel.exists(db, key: parcel.id) else {
                throw QueryError("parcel \(parcel.id) is in the ledger already; nothing was imported")
            }
            var parcel = parcel
            try Ledger.add(&parcel, by: context, in: db)
        }
    }

    static func close(_ id: String, on day: CivilDate, evidence: String, by context: OperationContext, in db: Database) throws {
        try Ledger.change(Parcel.self, key: id, action: "close", records: ["closedOn"], by: context, in: db) {
            $0.closedOn = day
            $0.evidence = evidence
        }
    }

    static func all(in db: Database) throws -> [Parcel] {
        try Parcel.inForce.order(Column("town"), Column("id")).fetchAll(db)
    }
}

/// What a rule says about a parcel on a date.
public struct ParcelFinding: Codable, Sendable, Equatable, Tabular {
    public var parcel: String
    public var town: String
    public var category: String
    /// `idle-fee`, `take-back`, `cause-analysis`, `within-grace`, `disposed`, `to-dispose`, `closed`.
    public var finding: String
    public var detail: String
    public var citation: String

    public static let columns: [OutputColumn<ParcelFinding>] = [
        OutputColumn("parcel") { $0.parcel }, OutputColumn("town") { $0.town }, OutputColumn("category") { $0.category },
        OutputColumn("finding") { $0.finding }, OutputColumn("detail") { $0.detail }, OutputColumn("citation") { $0.citation },
    ]
}

/// Disposal of approved-unsupplied land against the targets of 二(三)6, by count and area.
public struct DisposalTarget: Codable, Sendable, Equatable, Tabular {
    public var deadline: CivilDate
    public var share: Decimal
    public var parcels: Int
    public var disposedParcels: Int
    public var areaMu: Decimal
    public var disposedAreaMu: Decimal
    /// `met`, `missed`, or `open` (deadline not reached).
    public var status: String
    public var citation: String

    public static let columns: [OutputColumn<DisposalTarget>] = [
        OutputColumn("deadline") { $0.deadline.description }, OutputColumn("target") { "\($0.share * 100)%" },
        OutputColumn("by count") { "\($0.disposedParcels)/\($0.parcels)" }, OutputColumn("by area (亩)") { "\($0.disposedAreaMu)/\($0.areaMu)" },
        OutputColumn("status") { $0.status }, OutputColumn("citation") { $0.citation },
    ]
}

struct LandRules {
    let parameters: ParameterTable
    let day: CivilDate

    func number(_ id: String) throws -> (value: Decimal, source: String) { try parameters.decimal(id, on: day) }

    /// Whole years from `start` to `day`; "over one year" means past the anniversary.
    static func over(_ years: Int, since start: CivilDate, on day: CivilDate) -> Bool {
        let anniversary = CivilDate(year: start.year + years, month: start.month, day: min(start.day, CivilDate.daysIn(month: start.month, year: start.year + years)))!
        return day > anniversary
    }

    /// 二(三)7: idle over one year (enterprise's doing): idle fee; over two years: taken back;
    /// the government's doing: analyse the cause.
    func evaluate(_ parcels: [Parcel]) throws -> [ParcelFinding] {
        let fee = try number("idle.fee-after-years")
        let takeBack = try number("idle.take-back-after-years")
        return parcels.compactMap { parcel in
            guard parcel.category == .idle else { return nil }
            func finding(_ kind: String, _ detail: String, _ citation: String) -> ParcelFinding {
                ParcelFinding(parcel: parcel.id, town: parcel.town, category: parcel.category.label, finding: kind, detail: detail, citation: citation)
            }
            if parcel.closed(by: day) { return finding("closed", "closed on \(parcel.closedOn!): \(parcel.evidence ?? "")", fee.source) }
            guard let agreed = parcel.agreedStart else { return finding("unknown", "no agreed start date: the idle rules cannot be applied", fee.source) }
            if let actual = parcel.actualStart, actual <= day { return finding("started", "construction started \(actual)", fee.source) }
            if parcel.cause == .government {
                return finding("cause-analysis", "idle through the government's doing: analyse the cause, name the department, start it or take it back", fee.source)
            }
            guard parcel.cause == .enterprise else { return finding("unknown", "the cause (government or enterprise) is missing", fee.source) }
            let feeYears = NSDecimalNumber(decimal: fee.value).intValue
            let takeBackYears = NSDecimalNumber(decimal: takeBack.value).intValue
            if Self.over(takeBackYears, since: agreed, on: day) {
                return finding("take-back", "idle over \(takeBackYears) years since the agreed start \(agreed): taken back according to law", takeBack.source)
            }
            if Self.over(feeYears, since: agreed, on: day) {
                return finding("idle-fee", "not started over \(feeYears) year since the agreed start \(agreed): idle fee (土地闲置费)", fee.source)
            }
            return finding("within-grace", "agreed start \(agreed); no idle fee before \(feeYears) year has passed", fee.source)
        }
    }

    /// Approved-unsupplied land in the campaign's scope: approved in 2009–2018 (二(三)5); land
    /// whose approval date is not recorded is counted, and shows in the ledger without it.
    func inScope(_ parcel: Parcel) throws -> Bool {
        guard parcel.category == .approvedUnsupplied else { return false }
        guard let approved = parcel.approvalDate else { return true }
        let from = try number("approved-unsupplied.scope-from").value, to = try number("approved-unsupplied.scope-to").value
        return Decimal(approved.year) >= from && Decimal(approved.year) <= to
    }

    /// The parcels the campaign counts: all but approved-unsupplied land outside its scope.
    func campaign(_ parcels: [Parcel]) throws -> [Parcel] {
        try parcels.filter { try $0.category != .approvedUnsupplied || inScope($0) }
    }

    func targets(_ parcels: [Parcel]) throws -> [DisposalTarget] {
        let land = try parcels.filter(inScope)
        return try ["approved-unsupplied.first-target", "approved-unsupplied.final-target"].map { id in
            let share = try number("\(id).share")
            let (deadlineValue, _) = try parameters.value("\(id).date", on: day)
            let deadline = deadlineValue.date!
            let judgedOn = min(day, deadline)
            let disposed = land.filter { $0.closed(by: judgedOn) }
            let area = land.reduce(Decimal()) { $0 + $1.areaMu }
            let disposedArea = disposed.reduce(Decimal()) { $0 + $1.areaMu }
            let met = Decimal(disposed.count) >= share.value * Decimal(land.count) && disposedArea >= share.value * area
            return DisposalTarget(deadline: deadline, share: share.value, parcels: land.count, disposedParcels: disposed.count, areaMu: area,
                                  disposedAreaMu: disposedArea, status: met ? "met" : (day > deadline ? "missed" : "open"), citation: share.source)
        }
    }
}

/// Progress on a date, by town, category or responsible unit.
public struct ProgressLine: Codable, Sendable, Equatable, Tabular {
    public var group: String
    public var items: Int
    public var closed: Int
    public var areaMu: Decimal
    public var closedAreaMu: Decimal
    public var share: Decimal

    public static let columns: [OutputColumn<ProgressLine>] = [
        OutputColumn("group") { $0.group }, OutputColumn("items") { String($0.items) }, OutputColumn("closed") { String($0.closed) },
        OutputColumn("area (亩)") { "\($0.areaMu)" }, OutputColumn("closed area") { "\($0.closedAreaMu)" },
        OutputColumn("share") { "\(LandProgress.percent($0.share))%" },
    ]
}

/// A town the work team calls in for a talk (约谈, 三(三)): on the grounds its verification found,
/// or, for a town that lags without a finding recorded, as a suggestion to verify it.
public struct Interview: Codable, Sendable, Equatable, Tabular {
    public var town: String
    /// `grounds` (findings recorded) or `suggestion` (lagging only).
    public var basis: String
    public var share: Decimal
    public var districtShare: Decimal
    public var overdue: Int
    public var reasons: [String]
    public var citation: String

    public static let columns: [OutputColumn<Interview>] = [
        OutputColumn("town") { $0.town }, OutputColumn("basis") { $0.basis }, OutputColumn("closed") { "\(LandProgress.percent($0.share))%" },
        OutputColumn("district") { "\(LandProgress.percent($0.districtShare))%" }, OutputColumn("overdue") { String($0.overdue) },
        OutputColumn("reasons") { $0.reasons.joined(separator: "; ") }, OutputColumn("citation") { $0.citation },
    ]
}

enum LandProgress {
    static func percent(_ share: Decimal) -> String {
        var value = share * 100
        var rounded = Decimal()
        NSDecimalRound(&rounded, &value, 1, .plain)
        return "\(rounded)"
    }

    static func line(_ group: String, _ parcels: [Parcel], on day: CivilDate) -> ProgressLine {
        let closed = parcels.filter { $0.closed(by: day) }
        return ProgressLine(group: group, items: parcels.count, closed: closed.count, areaMu: parcels.reduce(0) { $0 + $1.areaMu },
                            closedAreaMu: closed.reduce(0) { $0 + $1.areaMu },
                            share: parcels.isEmpty ? 0 : Decimal(closed.count) / Decimal(parcels.count))
    }

    /// `units` maps a task category to the units responsible for its tasks.
    static func progress(_ parcels: [Parcel], by grouping: String, on day: CivilDate, tasks: [LandTask]) -> [ProgressLine] {
        switch grouping {
        case "category":
            return ParcelCategory.allCases.compactMap { category in
                let group = parcels.filter { $0.category == category }
                return group.isEmpty ? nil : line(category.label, group, on: day)
            }
        case "unit":
            var byUnit: [String: [Parcel]] = [:]
            var order: [String] = []
            for parcel in parcels {
                for unit in LandTask.units(of: parcel, among: tasks) {
                    if byUnit[unit] == nil { order.append(unit) }
                    byUnit[unit, default: []].append(parcel)
                }
            }
            return order.map { line($0, byUnit[$0]!, on: day) }
        default:
            return Dictionary(grouping: parcels, by: \.town).keys.sorted().map { town in line(town, parcels.filter { $0.town == town }, on: day) }
        }
    }

    /// What is past its deadline and still open: idle land past the take-back line, approved-unsupplied
    /// land after a missed target, and any open item after the campaign's end.
    static func overdue(_ parcels: [Parcel], rules: LandRules) throws -> [ParcelFinding] {
        let parcels = try rules.campaign(parcels)
        var findings = try rules.evaluate(parcels).filter { $0.finding == "take-back" || $0.finding == "idle-fee" }
        let targets = try rules.targets(parcels)
        if let final = targets.last, rules.day > final.deadline {
            for parcel in try parcels.filter(rules.inScope) where !parcel.closed(by: rules.day) {
                findings.append(ParcelFinding(parcel: parcel.id, town: parcel.town, category: parcel.category.label, finding: "to-dispose",
                                              detail: "not disposed by \(final.deadline)", citation: final.citation))
            }
        }
        let (end, _) = try rules.parameters.value("campaign.end", on: rules.day)
        if let endDate = end.date, rules.day > endDate {
            for parcel in parcels where !parcel.closed(by: rules.day) && !findings.contains(where: { $0.parcel == parcel.id }) {
                findings.append(ParcelFinding(parcel: parcel.id, town: parcel.town, category: parcel.category.label, finding: "open-after-campaign",
                                              detail: "still open after the campaign ended \(endDate)", citation: end.source))
            }
        }
        return findings
    }

    /// 三(三): the towns whose verification found 弄虚作假, 整治不力 or 问题严重 are called in, on
    /// those findings. Towns that only lag (a lower closed share, overdue items) are listed after
    /// them as suggestions for verification, not as grounds; only towns and sub-districts (镇办).
    static func interviews(_ parcels: [Parcel], findings: [FindingRecord], rules: LandRules, citation: String) throws -> [Interview] {
        let parcels = try rules.campaign(parcels)
        let district = line("district", parcels, on: rules.day).share
        let overdue = try self.overdue(parcels, rules: rules)
        let lines = Dictionary(progress(parcels, by: "town", on: rules.day, tasks: []).map { ($0.group, $0) }, uniquingKeysWith: { first, _ in first })
        // Findings made by the day asked about.
        let found = Dictionary(grouping: findings.filter { $0.foundOn <= rules.day }, by: \.town)
        let grounds = found.keys.sorted().map { town in
            let line = lines[town] ?? self.line(town, [], on: rules.day)
            return Interview(town: town, basis: "grounds", share: line.share, districtShare: district,
                             overdue: overdue.filter { $0.town == town }.count,
                             reasons: found[town]!.sorted { $0.foundOn < $1.foundOn }.map { "\($0.kind.labels[0]) (\($0.foundOn)): \($0.note)" },
                             citation: citation)
        }
        let suggestions = lines.values.sorted { $0.group < $1.group }.compactMap { line -> Interview? in
            guard found[line.group] == nil, isTownOrSubdistrict(line.group) else { return nil }
            let late = overdue.filter { $0.town == line.group }.count
            var reasons: [String] = []
            if line.share < district { reasons.append("closed \(percent(line.share))% against \(percent(district))% for the district") }
            if late > 0 { reasons.append("\(late) overdue item\(late == 1 ? "" : "s")") }
            guard !reasons.isEmpty else { return nil }
            reasons.append("no verification finding recorded: verify it before a talk")
            return Interview(town: line.group, basis: "suggestion", share: line.share, districtShare: district, overdue: late, reasons: reasons,
                             citation: citation)
        }
        return grounds + suggestions
    }
}
