import Foundation
import GRDB
import GazetteModel
import GazetteStore

/// A record a clerk keeps in a ledger (台账): listed, shown, corrected with a reason, voided with
/// a reason, never deleted. A voided entry stays in the table and in `--all` listings, and leaves
/// every computation; each write goes into the write log with who, what before and after, and why.
public protocol LedgerEntry: StoredRecord, Tabular, Sendable {
    associatedtype Key: DatabaseValueConvertible & LosslessStringConvertible & Sendable
    /// The module whose ledger it is (the log files the write under it).
    static var module: String { get }
    /// What one entry is called: `payment`, `alert`.
    static var noun: String { get }
    /// The command group of its ledger (`pollution alerts`): where `amend` and `void` are.
    static var command: String { get }
    /// Its key in the table: what `show`, `amend` and `void` take.
    var key: Key? { get }
    var voidedAt: String? { get set }
    var voidReason: String? { get set }
    /// Checks the entry against the rules, dates and clauses the module knows, on the office's
    /// `today`: called before every write of it, a correction's included. A refusal names the
    /// field and cites its clause.
    func check(on today: CivilDate, in db: Database) throws
    /// The closed set a field takes its values from (`level` → `AlertLevel`), or nil for a field
    /// that is no choice: what a clerk types is read as its code, and a form offers its words.
    static func choice(forField field: String) -> (any LabelledChoice.Type)?
}

extension LedgerEntry where Self: NumberedRecord {
    /// A numbered entry is known by its number.
    public var key: Int64? { id }
}

extension LedgerEntry {
    public func check(on today: CivilDate, in db: Database) throws {}
    public static func choice(forField field: String) -> (any LabelledChoice.Type)? { nil }

    /// The code a choice field stores for what a clerk typed (`投资补贴` → `investment`), or nil
    /// for a field that is no choice.
    public static func code(forField field: String, _ text: String) -> String? {
        choice(forField: field)?.code(printed: text)
    }

    /// Refuses an entry when another in force matches `filter` (`what` says what it would repeat).
    public func requireUnique(_ filter: SQLExpression, what: String, in db: Database) throws {
        let others = try Self.inForce.filter(filter).fetchAll(db).filter { $0.key.map { "\($0)" } != key.map { "\($0)" } }
        if !others.isEmpty { throw EntryError(what) }
    }

    /// What has happened is not dated after today (a due date, a plan or a forecast may be).
    public func requireHappened(_ day: CivilDate?, field: String, today: CivilDate) throws {
        guard let day else { return }
        if day > today { throw EntryError(field, "\(day) is after today (\(today)): what has happened cannot be dated in the future") }
    }

    /// A body the module's document set up meets only while it exists: an entry dated after the
    /// notice that abolished it is refused.
    public func requireBodyExists(module: String, on day: CivilDate, field: String, in db: Database) throws {
        for id in try DocumentQueries.bodyIds(foundedByDocumentsOf: module, in: db) {
            if let ended = try RosterQueries.abolition(ofBodyId: id, in: db), day.description > ended.lastDay {
                throw EntryError(field, "\(day) is after \(ended.name) was abolished: its last day was \(ended.lastDay) (\(ended.citation))")
            }
        }
    }

    /// Refuses an entry whose parent entry is void: what hangs on it is void with it.
    public static func requireInForce<Parent: LedgerEntry>(_ parent: Parent, field: String) throws {
        if parent.voidedAt != nil { throw EntryError(field, "\(parent.logLabel) is void (\(parent.voidReason ?? ""))") }
    }

    /// The entries that count: not voided.
    public static var inForce: QueryInterfaceRequest<Self> { filter(Column("voided_at") == nil) }

    /// One entry, voided or not; an error naming the ledger when there is none.
    public static func entry(_ key: Key, in db: Database) throws -> Self {
        guard let entry = try fetchOne(db, key: key.databaseValue) else {
            throw QueryError("there is no \(noun) \(key) in the \(module) ledger")
        }
        return entry
    }

    /// `payment 3 (…)`, as the log names it.
    var logLabel: String { "\(Self.noun) \(key.map { "\($0)" } ?? "?")" }
}

/// Corrections need a reason; writes are logged under the clerk who made them.
public enum Ledger {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    static func text(_ entry: some LedgerEntry) throws -> String {
        String(decoding: try encoder.encode(entry), as: UTF8.self)
    }

    /// Checks and inserts a new entry, and logs it.
    public static func add<Entry: LedgerEntry>(_ entry: inout Entry, reason: String = "", by context: OperationContext,
                                               in db: Database) throws {
        try entry.check(on: context.today, in: db)
        try entry.insert(db)
        try WriteLog.append(LogEntry(context, action: "add", module: Entry.module, record: entry.logLabel, before: nil,
                                     after: try text(entry), reason: reason), in: db)
    }

    /// Checks and writes a changed entry, and logs it with what it was. A void entry is kept as it
    /// was, unless the change restores it (`restoring`).
    public static func update<Entry: LedgerEntry>(_ entry: Entry, from before: Entry, action: String, reason: String = "",
                                                  restoring: Bool = false, by context: OperationContext, in db: Database) throws {
        guard before.voidedAt == nil || restoring else { throw EntryError("\(before.logLabel) is void (\(before.voidReason ?? "")); it is kept as it was") }
        try entry.check(on: context.today, in: db)
        var entry = entry
        try entry.update(db)
        try WriteLog.append(LogEntry(context, action: action, module: Entry.module, record: entry.logLabel, before: try text(before),
                                     after: try text(entry), reason: reason), in: db)
    }

    /// Changes an entry in place (closing it, lifting it …): fetched, edited, checked, logged.
    /// `records` names the facts the change records (`closedOn`): a fact recorded once is not
    /// recorded again over it, but corrected by an amendment with a reason; the refusal says what
    /// is recorded and the line to run.
    @discardableResult
    public static func change<Entry: LedgerEntry>(_ type: Entry.Type, key: Entry.Key, action: String, records facts: [String] = [],
                                                  reason: String = "", by context: OperationContext, in db: Database,
                                                  _ edit: (inout Entry) throws -> Void) throws -> Entry {
        let before = try Entry.entry(key, in: db)
        if !facts.isEmpty, let object = try JSONSerialization.jsonObject(with: encoder.encode(before)) as? [String: Any] {
            let recorded = facts.compactMap { fact in object[fact].flatMap { $0 is NSNull ? nil : (fact, "\($0)") } }
            if let (fact, value) = recorded.first {
                throw EntryError(kebabCase(fact), """
                    \(before.logLabel) has it recorded already: \(value); recording it again would replace it. To correct it: \
                    `zhoucun \(Entry.command) amend \(key) --\(kebabCase(fact)) VALUE --reason …`
                    """)
            }
        }
        var entry = before
        try edit(&entry)
        try update(entry, from: before, action: action, reason: reason, by: context, in: db)
        return entry
    }

    /// Marks an entry void: it is kept, and leaves every computation.
    public static func void<Entry: LedgerEntry>(_ type: Entry.Type, key: Entry.Key, reason: String, by context: OperationContext, in db: Database) throws -> Entry {
        let before = try Entry.entry(key, in: db)
        guard before.voidedAt == nil else { throw EntryError("\(before.logLabel) was voided already, at \(before.voidedAt!)") }
        guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else { throw EntryError("reason", "say why it is voided") }
        var entry = before
        entry.voidedAt = context.timestamp
        entry.voidReason = reason
        try entry.update(db)
        try WriteLog.append(LogEntry(context, action: "void", module: Entry.module, record: entry.logLabel, before: try text(before),
                                     after: try text(entry), reason: reason), in: db)
        return entry
    }

    /// Corrects fields of an entry (`amount=4000`, `date=2021-03-05`): each value is read as the
    /// field's type, the entry is checked again as a new one would be, and the change is logged.
    public static func amend<Entry: LedgerEntry>(_ type: Entry.Type, key: Entry.Key, changes: [(field: String, value: String)],
                                                 reason: String, by context: OperationContext, in db: Database) throws -> Entry {
        guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else { throw EntryError("reason", "say why it is corrected") }
        guard !changes.isEmpty else { throw EntryError("say which fields to correct, and their values") }
        let before = try Entry.entry(key, in: db)
        guard var object = try JSONSerialization.jsonObject(with: encoder.encode(before)) as? [String: Any] else {
            throw EntryError("\(before.logLabel) cannot be corrected field by field")
        }
        let fields = try amendable(before)
        let kinds = fieldKinds(before)
        for (field, value) in changes {
            let name = camelCase(field)
            guard fields.contains(name) else {
                throw EntryError(field, "is not a field of \(article(Entry.noun)) that can be corrected (\(fields.map(kebabCase).joined(separator: ", ")))")
            }
            object[name] = try jsonValue(value, kind: kinds[name]?.kind ?? .text, field: field, in: Entry.self, object: object, name: name)
        }
        let after = try JSONDecoder().decode(Entry.self, from: JSONSerialization.data(withJSONObject: object))
        try update(after, from: before, action: "amend", reason: reason, by: context, in: db)
        return after
    }

    /// The fields a correction may change: every column but the key and the void marks.
    static func amendable(_ entry: some LedgerEntry) throws -> [String] {
        try entry.databaseDictionary.keys.map { camelCase($0) }.filter { !["id", "voidedAt", "voidReason"].contains($0) }.sorted()
    }

    /// `a payment`, `an alert`.
    public static func article(_ noun: String) -> String {
        ("aeiou".contains(noun.first ?? "x") ? "an " : "a ") + noun
    }

    /// The JSON value a typed-in text stands for, tried in the order the field's type suggests,
    /// until the entry decodes: a choice's code, a date or an amount as clerks type them
    /// (`2026年3月1日`, `80万元`), a number, yes/no, or text.
    static func jsonValue<Entry: LedgerEntry>(_ text: String, kind: FieldKind, field: String, in type: Entry.Type,
                                              object: [String: Any], name: String) throws -> Any {
        var candidates: [Any] = []
        if let code = Entry.code(forField: name, text) { candidates.append(code) }
        if text.isEmpty || text == "-" { candidates.append(NSNull()) }
        switch kind {
        case .date where !text.isEmpty && text != "-":
            switch TypedValue.date(text) {
            case .success(let day): candidates.append(day.description)
            case .failure(let reason): throw EntryError(field, reason.description)
            }
        case .amount where !text.isEmpty && text != "-":
            switch TypedValue.amount(text) {
            case .success(let amount): candidates.append(NSDecimalNumber(decimal: amount))
            case .failure(let reason): throw EntryError(field, reason.description)
            }
        default:
            if let number = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")), text.wholeMatch(of: /-?[0-9]+(\.[0-9]+)?/) != nil {
                candidates.append(NSDecimalNumber(decimal: number))
            }
            if let flag = YesNo(printed: text), !text.isEmpty { candidates.append(flag == .yes) }
            candidates.append(text)
        }
        for candidate in candidates {
            var trial = object
            trial[name] = candidate
            if let data = try? JSONSerialization.data(withJSONObject: trial), (try? JSONDecoder().decode(Entry.self, from: data)) != nil {
                return candidate
            }
        }
        let accepted = Entry.choice(forField: name).map { "; it takes " + $0.options.map { "\($0.label) (\($0.code))" }.joined(separator: ", ") } ?? ""
        throw EntryError(field, "\(text) is not a value this field takes" + accepted)
    }

    /// What each field of an entry holds, from its own value (its type, even where it is empty):
    /// how a typed text is read, and how a form asks for it.
    static func fieldKinds<Entry: LedgerEntry>(_ entry: Entry) -> [String: (kind: FieldKind, optional: Bool)] {
        var kinds: [String: (kind: FieldKind, optional: Bool)] = [:]
        for child in Mirror(reflecting: entry).children {
            guard let name = child.label else { continue }
            let type = Swift.type(of: child.value)
            let optional = Mirror(reflecting: child.value).displayStyle == .optional
            let kind: FieldKind =
                if Entry.choice(forField: name) != nil { .choice }
                else if type == CivilDate.self || type == CivilDate?.self { .date }
                else if type == Decimal.self || type == Decimal?.self { .amount }
                else if type == Bool.self || type == Bool?.self { .yesNo }
                else if Mirror(reflecting: child.value).displayStyle == .collection { .list }
                else { .text }
            kinds[name] = (kind, optional)
        }
        return kinds
    }

    static func camelCase(_ field: String) -> String {
        let parts = field.split(whereSeparator: { $0 == "-" || $0 == "_" })
        guard let first = parts.first else { return field }
        return String(first) + parts.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    static func kebabCase(_ name: String) -> String {
        name.reduce(into: "") { result, character in
            if character.isUppercase { result += "-" + character.lowercased() } else { result.append(character) }
        }
    }
}

/// What a list imported again (the reduction list, the monthly parcel ledger) would change in the
/// one in force: what it adds, removes (voided, kept) and changes (corrected), by key.
public struct ListChanges: Equatable, Sendable {
    public var added: [String] = []
    public var removed: [String] = []
    public var changed: [String] = []

    public init(added: [String] = [], removed: [String] = [], changed: [String] = []) {
        self.added = added
        self.removed = removed
        self.changed = changed
    }

    public var isEmpty: Bool { added.isEmpty && removed.isEmpty && changed.isEmpty }

    public var summary: String {
        [("added", added), ("removed", removed), ("changed", changed)].filter { !$0.1.isEmpty }
            .map { "\($0.1.count) \($0.0) (\($0.1.joined(separator: "、")))" }.joined(separator: "; ")
    }
}

/// A ledger entry as listed: the entry's columns, and whether it is void.
public struct LedgerLine<Entry: LedgerEntry>: Tabular {
    public var entry: Entry

    public init(entry: Entry) { self.entry = entry }

    public static var columns: [OutputColumn<LedgerLine<Entry>>] {
        Entry.columns.map { column in OutputColumn(column.header) { column.value($0.entry) } }
            + [OutputColumn("void") { line in line.entry.voidedAt.map { "void \($0): \(line.entry.voidReason ?? "")" } ?? "" }]
    }

    public func encode(to encoder: any Encoder) throws { try entry.encode(to: encoder) }
}

/// `--FIELD VALUE` and `--FIELD=VALUE` pairs, as `amend` and `incentives projects add` take them
/// past the argument parser (the fields are the entry's, not the command's).
public enum FieldArguments {
    /// The pairs in order; `each` names what one pair is in a refusal (`correction`, `fact`).
    public static func pairs(_ arguments: [String], each: String) throws -> [(field: String, value: String)] {
        var pairs: [(field: String, value: String)] = []
        var rest = arguments[...]
        while let flag = rest.popFirst() {
            guard flag.hasPrefix("--") else { throw ArgumentError("\(flag): write each \(each) as --FIELD VALUE") }
            var field = String(flag.dropFirst(2))
            var value: String
            if let equals = field.firstIndex(of: "=") {
                value = String(field[field.index(after: equals)...])
                field = String(field[..<equals])
            } else {
                guard let next = rest.popFirst() else { throw ArgumentError("\(flag): give its value") }
                value = next
            }
            pairs.append((field, value))
        }
        return pairs
    }
}
