import Foundation
import GRDB
import GazetteModel
import GazetteStore
import ModuleSpine

/// The module's tables: the project ledger (payments, yearly results) and the promotion funds.
/// Money is stored as decimal text, never as floating point.
enum IncentivesSchema {
    static let migrations = MigrationSet(owner: IncentivesModule.id) { migrator in
        migrator.registerMigration("incentives.v1") { db in
            try db.execute(sql: """
                CREATE TABLE incentive_project (
                    id INTEGER PRIMARY KEY,
                    name TEXT NOT NULL UNIQUE,
                    facts TEXT NOT NULL,
                    added_on TEXT NOT NULL
                );
                CREATE TABLE incentive_payment (
                    id INTEGER PRIMARY KEY,
                    project_id INTEGER NOT NULL REFERENCES incentive_project(id) ON DELETE CASCADE,
                    date TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    amount TEXT NOT NULL
                );
                CREATE TABLE incentive_result (
                    project_id INTEGER NOT NULL REFERENCES incentive_project(id) ON DELETE CASCADE,
                    year INTEGER NOT NULL,
                    tax_per_mu TEXT,
                    annual_tax TEXT,
                    operating INTEGER,
                    PRIMARY KEY (project_id, year)
                );
                CREATE TABLE promotion_fund (
                    holder TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    year INTEGER NOT NULL,
                    allocated TEXT NOT NULL,
                    PRIMARY KEY (holder, year)
                );
                CREATE TABLE promotion_spending (
                    id INTEGER PRIMARY KEY,
                    holder TEXT NOT NULL,
                    year INTEGER NOT NULL,
                    date TEXT NOT NULL,
                    amount TEXT NOT NULL,
                    purpose TEXT NOT NULL,
                    misuse INTEGER NOT NULL
                );
                """)
        }
        // The plug-in rule: a module's tables carry its id.
        migrator.registerMigration("incentives.v2") { db in
            for (old, new) in [("incentive_project", "incentives_project"), ("incentive_payment", "incentives_payment"),
                               ("incentive_result", "incentives_result"), ("promotion_fund", "incentives_promotion_fund"),
                               ("promotion_spending", "incentives_promotion_spending")] {
                try db.execute(sql: "ALTER TABLE \(old) RENAME TO \(new)")
            }
        }
        // Ledgers a clerk can correct: void marks; results and funds numbered like the others; a
        // payment made against the rules under 一事一议 keeps its reason.
        migrator.registerMigration("incentives.v3") { db in
            try db.execute(sql: """
                ALTER TABLE incentives_project ADD COLUMN voided_at TEXT;
                ALTER TABLE incentives_project ADD COLUMN void_reason TEXT;
                ALTER TABLE incentives_payment ADD COLUMN override_reason TEXT;
                ALTER TABLE incentives_payment ADD COLUMN voided_at TEXT;
                ALTER TABLE incentives_payment ADD COLUMN void_reason TEXT;
                ALTER TABLE incentives_promotion_spending ADD COLUMN voided_at TEXT;
                ALTER TABLE incentives_promotion_spending ADD COLUMN void_reason TEXT;
                CREATE TABLE incentives_result_v3 (
                    id INTEGER PRIMARY KEY,
                    project_id INTEGER NOT NULL REFERENCES incentives_project(id),
                    year INTEGER NOT NULL,
                    tax_per_mu TEXT,
                    annual_tax TEXT,
                    operating INTEGER,
                    voided_at TEXT,
                    void_reason TEXT
                );
                INSERT INTO incentives_result_v3 (project_id, year, tax_per_mu, annual_tax, operating)
                    SELECT project_id, year, tax_per_mu, annual_tax, operating FROM incentives_result;
                DROP TABLE incentives_result;
                ALTER TABLE incentives_result_v3 RENAME TO incentives_result;
                CREATE TABLE incentives_promotion_fund_v3 (
                    id INTEGER PRIMARY KEY,
                    holder TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    year INTEGER NOT NULL,
                    allocated TEXT NOT NULL,
                    voided_at TEXT,
                    void_reason TEXT
                );
                INSERT INTO incentives_promotion_fund_v3 (holder, kind, year, allocated)
                    SELECT holder, kind, year, allocated FROM incentives_promotion_fund;
                DROP TABLE incentives_promotion_fund;
                ALTER TABLE incentives_promotion_fund_v3 RENAME TO incentives_promotion_fund;
                """)
        }
    }
}

/// 租金补贴 or 投资补贴 (二(三)).
public enum PaymentKind: String, Codable, LabelledChoice, DatabaseValueConvertible {
    case rent, investment

    public var labels: [String] {
        switch self {
        // The document's own words first (二(三)(1) 房租补贴, 厂房补助; (2) 按…外来投资额…给予补助).
        case .rent: ["房租补贴", "厂房补助", "租金补贴", "租金", "房租"]
        case .investment: ["投资补助", "投资补贴", "投资"]
        }
    }
}

/// Who holds a promotion fund (二(四)): a park, or an industry promotion company.
public enum FundHolderKind: String, Codable, LabelledChoice, DatabaseValueConvertible {
    case park, company

    public var labels: [String] {
        switch self {
        case .park: ["园区"]
        case .company: ["产业招商公司", "公司"]
        }
    }
}

/// `incentives_project`: a project and its facts (as JSON).
struct ProjectEntry: NumberedRecord, LedgerEntry {
    static let databaseTableName = "incentives_project"
    static let module = IncentivesModule.id
    static let noun = "project"
    static let command = "incentives projects"
    var id: Int64?
    var name: String
    var facts: Project
    var addedOn: CivilDate
    var voidedAt: String?
    var voidReason: String?

    static let columns: [OutputColumn<ProjectEntry>] = [
        OutputColumn("id") { $0.id.map(String.init) ?? "" }, OutputColumn("name") { $0.name }, OutputColumn("industry") { $0.facts.industry.rawValue },
        OutputColumn("start") { $0.facts.startDate?.description ?? "" }, OutputColumn("added") { $0.addedOn.description },
    ]
}

/// `incentives_payment`: one subsidy paid.
public struct Payment: NumberedRecord, LedgerEntry, Equatable {
    public static let databaseTableName = "incentives_payment"
    public static let module = IncentivesModule.id
    public static let noun = "payment"
    public static let command = "incentives payments"
    public var id: Int64?
    public var projectId: Int64
    public var date: CivilDate
    public var kind: PaymentKind
    public var amount: Decimal
    /// Why it was paid against the rules, where the district decided so (一事一议, 三(三)).
    public var overrideReason: String?
    public var voidedAt: String?
    public var voidReason: String?

    public static func choice(forField field: String) -> (any LabelledChoice.Type)? {
        field == "kind" ? PaymentKind.self : nil
    }

    public static let columns: [OutputColumn<Payment>] = [
        OutputColumn("id") { $0.id.map(String.init) ?? "" }, OutputColumn("project") { String($0.projectId) }, OutputColumn("date") { $0.date.description },
        OutputColumn("kind") { $0.kind.rawValue }, OutputColumn("amount (万元)") { "\($0.amount)" }, OutputColumn("override") { $0.overrideReason ?? "" },
    ]

    /// 二(三): only a project that qualifies is paid (不予兑现 otherwise), the investment subsidy
    /// only where it applies, each year no more than the schedule allows for that year, and all
    /// support together within the cap. A payment the district decided on case by case (一事一议)
    /// passes with its reason.
    public func check(on today: CivilDate, in db: Database) throws {
        try requireHappened(date, field: "date", today: today)
        guard amount > 0 else { throw EntryError("amount", "a payment is more than 0") }
        let project = try ProjectEntry.entry(projectId, in: db)
        try Self.requireInForce(project, field: "project-id")
        guard overrideReason == nil else { return }
        let facts = project.facts
        let evaluation = try IncentiveRules(parameters: try IncentivesModule.parameters(), on: facts.startDate ?? date).evaluate(facts)
        let override = "; only the district's decision on this case (一事一议, 周政发〔2020〕37号 三(三)) can set that aside"
        if let failed = evaluation.conditions.first(where: { $0.passed == false }) {
            throw EntryError("project", "\(project.name) does not qualify: \(failed.detail) [\(failed.citation)]; nothing is paid (不予兑现)" + override)
        }
        if kind == .investment, evaluation.investmentSubsidyApplies != true {
            throw EntryError("kind", "the investment subsidy does not apply to \(project.name) [\(evaluation.citations["investmentSubsidy"] ?? "")]" + override)
        }
        let others = try Payment.inForce.filter(Column("project_id") == projectId && Column("id") != (id ?? -1)).fetchAll(db)
        if let start = facts.startDate {
            guard date >= start else { throw EntryError("date", "\(date) is before the project started (\(start)): the schedule counts from then") }
            let years = evaluation.schedule.filter { $0.from != nil }
            guard let year = years.last(where: { $0.from! <= date }), let from = year.from else {
                throw EntryError("date", "\(date) is before the schedule's first year" + override)
            }
            let next = years.first { $0.year == year.year + 1 }?.from
            // A year runs to the same day a year later (29 February to 28 February).
            let end = next ?? CivilDate(year: from.year + 1, month: from.month, day: from.day)
                ?? CivilDate(year: from.year + 1, month: from.month, day: from.day - 1)!
            guard date < end else {
                throw EntryError("date", "\(date) is after the last year of the schedule: no subsidy is due then [周政发〔2020〕37号 二(三)]" + override)
            }
            let allowed = kind == .rent ? year.rentSubsidy : year.investmentSubsidy
            var paidThatYear = Decimal()
            for payment in others where payment.kind == kind && payment.date >= from && payment.date < end {
                paidThatYear += payment.amount
            }
            if paidThatYear + amount > allowed {
                throw EntryError("amount", "year \(year.year) of \(project.name) (from \(year.from!)) allows \(allowed)万元 of \(kind.rawValue) subsidy, \(paidThatYear)万元 paid already [周政发〔2020〕37号 二(三)]" + override)
            }
        }
        let total = others.reduce(Decimal()) { $0 + $1.amount } + amount
        if total > evaluation.cap {
            throw EntryError("amount", "all payments to \(project.name) would come to \(total)万元, above the cap of \(evaluation.cap)万元 [\(evaluation.citations["cap"] ?? "")]" + override)
        }
    }
}

/// `incentives_result`: what a project actually did in a year after production started.
public struct YearResult: NumberedRecord, LedgerEntry, Equatable {
    public static let databaseTableName = "incentives_result"
    public static let module = IncentivesModule.id
    public static let noun = "result"
    public static let command = "incentives results"
    public var id: Int64?
    public var projectId: Int64
    public var year: Int
    public var taxPerMu: Decimal?
    public var annualTax: Decimal?
    public var operating: Bool?
    public var voidedAt: String?
    public var voidReason: String?

    public static let columns: [OutputColumn<YearResult>] = [
        OutputColumn("id") { $0.id.map(String.init) ?? "" }, OutputColumn("project") { String($0.projectId) }, OutputColumn("year") { String($0.year) },
        OutputColumn("tax per mu") { $0.taxPerMu.map { "\($0)" } ?? "" }, OutputColumn("annual tax") { $0.annualTax.map { "\($0)" } ?? "" },
        OutputColumn("operating") { $0.operating.map { $0 ? "yes" : "no" } ?? "" },
    ]

    public func check(on today: CivilDate, in db: Database) throws {
        guard year >= 1 else { throw EntryError("year", "production years count from 1") }
        try Self.requireInForce(try ProjectEntry.entry(projectId, in: db), field: "project-id")
        try requireUnique(Column("project_id") == projectId && Column("year") == year,
                          what: "project \(projectId) has its result for year \(year) already", in: db)
    }
}

/// One project in the ledger.
/// An entry that belongs to a project of the ledger.
protocol ProjectOwned { var projectId: Int64 { get } }
extension Payment: ProjectOwned {}
extension YearResult: ProjectOwned {}

/// A listed entry with its project's name in the place of its id (JSON keeps both).
struct ProjectOwnedLine<Entry: LedgerEntry & ProjectOwned>: Tabular {
    var line: LedgerLine<Entry>
    var project: String

    static var columns: [OutputColumn<ProjectOwnedLine<Entry>>] {
        LedgerLine<Entry>.columns.map { column in
            column.header == "project" ? OutputColumn("project") { "\($0.project)（\($0.line.entry.projectId)）" } : OutputColumn(column.header) { column.value($0.line) }
        }
    }

    func encode(to encoder: any Encoder) throws {
        try line.encode(to: encoder)
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(project, forKey: .projectName)
    }

    enum Key: String, CodingKey { case projectName }
}

public struct ProjectRecord: Codable, Sendable, Tabular {
    public var id: Int64
    public var name: String
    public var project: Project
    public var paid: Decimal
    public var payments: [Payment]
    public var results: [YearResult]

    public static let columns: [OutputColumn<ProjectRecord>] = [
        OutputColumn("id") { String($0.id) }, OutputColumn("name") { $0.name }, OutputColumn("industry") { $0.project.industry.rawValue },
        OutputColumn("start") { $0.project.startDate?.description ?? "" }, OutputColumn("paid (万元)") { "\($0.paid)" },
        OutputColumn("results") { $0.results.map { "year \($0.year)" }.joined(separator: ", ") },
    ]
}

/// What must be recovered from a project, and why (三(三)).
public struct Clawback: Codable, Sendable {
    public var project: String
    public var missed: [Condition]
    public var paid: Decimal
    public var recover: Decimal
    public var unit: String
    public var citation: String
}

enum ProjectLedger {
    static func add(name printed: String, project: Project, on day: CivilDate, by context: OperationContext, in db: Database) throws -> Int64 {
        // `新材料 项目` is 新材料项目: a name is kept without the spaces and widths typing adds.
        let name = Normalize.key(printed)
        guard try ProjectEntry.filter(Column("name") == name).fetchCount(db) == 0 else {
            throw EntryError("name", "a project called \(name) is in the ledger already")
        }
        var entry = ProjectEntry(name: name, facts: project, addedOn: day)
        try Ledger.add(&entry, by: context, in: db)
        return entry.id!
    }

    static func id(_ reference: String, in db: Database) throws -> Int64 {
        if let id = Int64(reference), try ProjectEntry.inForce.filter(key: id).fetchCount(db) > 0 { return id }
        if let entry = try ProjectEntry.inForce.filter(Column("name") == Normalize.key(reference)).fetchOne(db) { return entry.id! }
        throw QueryError("no project \(reference) in the ledger; `zhoucun incentives projects list` lists them")
    }

    /// Records a payment; `override` is the reason the district gave for paying against the rules.
    @discardableResult
    static func pay(_ id: Int64, kind: PaymentKind, amount: Decimal, on day: CivilDate, override: String? = nil, by context: OperationContext,
                    in db: Database) throws -> Payment {
        var payment = Payment(projectId: id, date: day, kind: kind, amount: amount, overrideReason: override)
        try Ledger.add(&payment, reason: override ?? "", by: context, in: db)
        return payment
    }

    /// Records a year's result; a year already recorded is corrected, with the change logged.
    @discardableResult
    static func result(_ result: YearResult, by context: OperationContext, in db: Database) throws -> YearResult {
        // A year's result, once recorded, is corrected by an amendment, never replaced.
        if let before = try YearResult.inForce.filter(Column("project_id") == result.projectId && Column("year") == result.year).fetchOne(db) {
            throw EntryError("year", """
                project \(result.projectId) has its result for \(result.year) recorded already (result \(before.id!)); recording it again \
                would replace it. To correct it: `zhoucun \(YearResult.command) amend \(before.id!) --FIELD VALUE --reason …`
                """)
        }
        var result = result
        try Ledger.add(&result, by: context, in: db)
        return result
    }

    static func records(in db: Database) throws -> [ProjectRecord] {
        try ProjectEntry.inForce.order(Column("id")).fetchAll(db).map { try record($0, in: db) }
    }

    static func record(_ id: Int64, in db: Database) throws -> ProjectRecord {
        try record(try ProjectEntry.entry(id, in: db), in: db)
    }

    static func record(_ entry: ProjectEntry, in db: Database) throws -> ProjectRecord {
        let payments = try Payment.inForce.filter(Column("project_id") == entry.id!).order(Column("date"), Column("id")).fetchAll(db)
        let results = try YearResult.inForce.filter(Column("project_id") == entry.id!).order(Column("year")).fetchAll(db)
        return ProjectRecord(id: entry.id!, name: entry.name, project: entry.facts, paid: payments.reduce(0) { $0 + $1.amount },
                             payments: payments, results: results)
    }

    /// 三(三): a project that has not kept its commitments gives back everything paid.
    static func clawback(_ record: ProjectRecord, parameters: ParameterTable, on day: CivilDate) throws -> Clawback {
        let rules = IncentiveRules(parameters: parameters, on: record.project.startDate ?? day)
        let citation = "周政发〔2020〕37号 三(三)"
        var missed: [Condition] = []
        switch record.project.industry {
        case .smartEquipment, .newMaterials:
            let threshold = try rules.number("\(record.project.industry.rawValue).tax-per-mu")
            let committed = max(record.project.committedTaxPerMu ?? threshold.value, threshold.value)
            let firstThree = record.results.filter { $0.year <= 3 }
            if record.results.contains(where: { $0.year >= 3 }), !firstThree.contains(where: { ($0.taxPerMu ?? 0) >= committed }) {
                missed.append(Condition(id: "tax-per-mu", passed: false,
                                        detail: "tax per mu did not reach the committed \(committed)万元 within three years of production",
                                        citation: threshold.source))
            }
        case .bigData:
            let multiple = try rules.number("big-data.tax-to-rent-multiple")
            let rent = record.project.annualRent ?? 0
            // The facts it was admitted on already fall short: it never qualified (不予兑现).
            if let tax = record.project.annualTax, tax < multiple.value * rent {
                missed.append(Condition(id: "tax-to-rent", passed: false,
                                        detail: "the project's yearly tax \(tax)万元 is below \(multiple.value) × rent (\(multiple.value * rent)万元): the rent subsidy is not paid",
                                        citation: multiple.source))
            }
            for result in record.results where (result.annualTax.map { $0 < multiple.value * rent }) == true {
                missed.append(Condition(id: "tax-to-rent", passed: false,
                                        detail: "year \(result.year): tax \(result.annualTax!)万元 below \(multiple.value) × rent (\(multiple.value * rent)万元)",
                                        citation: multiple.source))
            }
            let years = try rules.number("big-data.operation-years")
            if let stopped = record.results.first(where: { $0.operating == false && Decimal($0.year) <= years.value }) {
                missed.append(Condition(id: "operation-years", passed: false,
                                        detail: "stopped operating in year \(stopped.year), within the committed \(years.value) years", citation: years.source))
            }
        }
        return Clawback(project: record.name, missed: missed, paid: record.paid, recover: missed.isEmpty ? 0 : record.paid,
                        unit: "万元", citation: citation)
    }
}

/// 二(四): the yearly promotion funds of the parks and the industry promotion companies.
public struct FundLine: Codable, Sendable, Tabular {
    public var holder: String
    public var kind: FundHolderKind
    public var year: Int
    public var allocated: Decimal
    /// What 二(四) sets for the holder's kind that year.
    public var standard: Decimal
    public var spent: Decimal
    public var misused: Decimal
    /// Money not spent on promotion, which the district may take back (三(二)).
    public var recover: Decimal
    public var flags: [String]
    public var citation: String

    public static let columns: [OutputColumn<FundLine>] = [
        OutputColumn("holder") { $0.holder }, OutputColumn("kind") { $0.kind.rawValue }, OutputColumn("year") { String($0.year) },
        OutputColumn("allocated") { "\($0.allocated)" }, OutputColumn("spent") { "\($0.spent)" }, OutputColumn("recover") { "\($0.recover)" },
        OutputColumn("flags") { $0.flags.joined(separator: "; ") }, OutputColumn("citation") { $0.citation },
    ]
}

/// `incentives_promotion_fund`: a holder's fund for a year.
struct FundRecord: NumberedRecord, LedgerEntry {
    static let databaseTableName = "incentives_promotion_fund"
    static let module = IncentivesModule.id
    static let noun = "fund"
    static let command = "incentives funds"
    var id: Int64?
    var holder: String
    var kind: FundHolderKind
    var year: Int
    var allocated: Decimal
    var voidedAt: String?
    var voidReason: String?

    static func choice(forField field: String) -> (any LabelledChoice.Type)? {
        field == "kind" ? FundHolderKind.self : nil
    }

    static let columns: [OutputColumn<FundRecord>] = [
        OutputColumn("id") { $0.id.map(String.init) ?? "" }, OutputColumn("holder") { $0.holder }, OutputColumn("kind") { $0.kind.rawValue },
        OutputColumn("year") { String($0.year) }, OutputColumn("allocated") { "\($0.allocated)" },
    ]

    func check(on today: CivilDate, in db: Database) throws {
        guard allocated >= 0 else { throw EntryError("allocated", "a fund is 0 or more") }
        try requireUnique(Column("holder") == holder && Column("year") == year, what: "\(holder) has a fund for \(year) already", in: db)
    }
}

/// `incentives_promotion_spending`: money spent from a fund.
struct SpendingRecord: NumberedRecord, LedgerEntry {
    static let databaseTableName = "incentives_promotion_spending"
    static let module = IncentivesModule.id
    static let noun = "spending"
    static let command = "incentives spending"
    var id: Int64?
    var holder: String
    var year: Int
    var date: CivilDate
    var amount: Decimal
    var purpose: String
    var misuse: Bool
    var voidedAt: String?
    var voidReason: String?

    static let columns: [OutputColumn<SpendingRecord>] = [
        OutputColumn("id") { $0.id.map(String.init) ?? "" }, OutputColumn("holder") { $0.holder }, OutputColumn("year") { String($0.year) },
        OutputColumn("date") { $0.date.description }, OutputColumn("amount") { "\($0.amount)" }, OutputColumn("purpose") { $0.purpose },
        OutputColumn("misuse") { $0.misuse ? "yes" : "" },
    ]

    func check(on today: CivilDate, in db: Database) throws {
        try requireHappened(date, field: "date", today: today)
        guard amount > 0 else { throw EntryError("amount", "spending is more than 0") }
        guard let fund = try FundRecord.inForce.filter(Column("holder") == holder && Column("year") == year).fetchOne(db) else {
            throw QueryError("\(holder) has no promotion fund for \(year); allocate it first")
        }
        guard date.year >= year else { throw EntryError("date", "\(date) is before the fund's year \(year): a year's fund is spent from that year on") }
        let spent = try SpendingRecord.inForce.filter(Column("holder") == holder && Column("year") == year).fetchAll(db)
            .filter { $0.id != id }.reduce(Decimal(0)) { $0 + $1.amount }
        if spent + amount > fund.allocated {
            throw EntryError("amount", "\(spent + amount) spent of a fund of \(fund.allocated) for \(year) (\(spent) before this): \(spent + amount - fund.allocated) over what was allocated")
        }
    }
}

enum FundLedger {
    static func standard(kind: FundHolderKind, year: Int, parameters: ParameterTable) throws -> (Decimal, String) {
        guard let day = CivilDate(year: year, month: 12, day: 31) else { throw EntryError("year", "\(year) is not a year") }
        return try parameters.decimal("promotion-fund.\(kind.rawValue)", on: day)
    }

    @discardableResult
    static func allocate(holder printed: String, kind: FundHolderKind, year: Int, amount: Decimal?, parameters: ParameterTable, by context: OperationContext,
                         in db: Database) throws -> FundRecord {
        let holder = Normalize.key(printed)
        let (standard, _) = try standard(kind: kind, year: year, parameters: parameters)
        var fund = FundRecord(holder: holder, kind: kind, year: year, allocated: amount ?? standard)
        if let before = try FundRecord.inForce.filter(Column("holder") == holder && Column("year") == year).fetchOne(db) {
            throw EntryError("year", """
                \(holder) has its fund for \(year) allocated already (fund \(before.id!): \(before.allocated)); allocating it again would \
                replace it. To correct it: `zhoucun \(FundRecord.command) amend \(before.id!) --allocated VALUE --reason …`
                """)
        }
        try Ledger.add(&fund, by: context, in: db)
        return fund
    }

    @discardableResult
    static func spend(holder printed: String, year: Int, amount: Decimal, on day: CivilDate, purpose: String, misuse: Bool, by context: OperationContext,
                      in db: Database) throws -> SpendingRecord {
        var spending = SpendingRecord(holder: Normalize.key(printed), year: year, date: day, amount: amount, purpose: purpose, misuse: misuse)
        try Ledger.add(&spending, by: context, in: db)
        return spending
    }

    static func lines(year: Int?, parameters: ParameterTable, in db: Database) throws -> [FundLine] {
        var request = FundRecord.inForce.order(Column("year"), Column("kind"), Column("holder"))
        if let year { request = request.filter(Column("year") == year) }
        return try request.fetchAll(db).map { fund in
            let (standard, source) = try standard(kind: fund.kind, year: fund.year, parameters: parameters)
            let spending = try SpendingRecord.inForce.filter(Column("holder") == fund.holder && Column("year") == fund.year).fetchAll(db)
            let spent = spending.reduce(Decimal()) { $0 + $1.amount }
            let misused = spending.filter(\.misuse).reduce(Decimal()) { $0 + $1.amount }
            var flags: [String] = []
            if fund.allocated != standard { flags.append("allocated \(fund.allocated) differs from the \(standard)万元 a year of \(source)") }
            if misused > 0 { flags.append("\(misused)万元 not spent on promotion: to be recovered") }
            if spent > fund.allocated { flags.append("spent \(spent - fund.allocated)万元 beyond the allocation") }
            return FundLine(holder: fund.holder, kind: fund.kind, year: fund.year, allocated: fund.allocated, standard: standard, spent: spent,
                            misused: misused, recover: misused, flags: flags, citation: "周政发〔2020〕37号 三(二)")
        }
    }
}
