import Foundation
import GRDB
import GazetteModel
import GazetteStore

/// What a ledger field holds, as a form asks for it.
public enum FieldKind: String, Encodable, Sendable {
    case text, date, amount
    /// 是 or 否.
    case yesNo
    /// One of a closed set, offered in the gazette's words.
    case choice
    /// Several values (a meeting's topics): shown, not corrected field by field.
    case list
    /// A secret (a new password): typed, never shown back.
    case password
}

/// One ledger of a module, for the web page: its entries, each shown field by field, corrected
/// with a reason (`Ledger.amend`) or voided with a reason (`Ledger.void`), as the command line's
/// `amend` and `void` do. It hides the entry's type, so that the web layer needs none of a module's.
public struct LedgerBook: Sendable {
    /// `alerts`: the ledger's command group, as the page's address names it.
    public let path: String
    /// 预警: what the page calls the ledger's entries.
    public let title: String
    /// The module whose ledger it is; its clerks' role has the same code.
    public let module: String
    private let list: @Sendable (_ all: Bool, Database) throws -> (table: ReportTable, keys: [String])
    private let form: @Sendable (String, Database) throws -> EntryForm
    private let amendEntry: @Sendable (String, [(field: String, value: String)], String, OperationContext, Database) throws -> EntryForm
    private let voidEntry: @Sendable (String, String, OperationContext, Database) throws -> EntryForm

    public init<Entry: LedgerEntry>(_ type: Entry.Type, title: String) {
        path = String(Entry.command.split(separator: " ").last ?? Substring(Entry.noun))
        self.title = title
        module = Entry.module
        list = { all, db in
            let entries = try (all ? Entry.all() : Entry.inForce).fetchAll(db)
            return (ReportTable(entries.map { LedgerLine(entry: $0) }), entries.map { $0.key.map { "\($0)" } ?? "" })
        }
        form = { key, db in try EntryForm(try Entry.entry(Self.key(key, of: Entry.self), in: db)) }
        amendEntry = { key, changes, reason, context, db in
            try EntryForm(try Ledger.amend(Entry.self, key: Self.key(key, of: Entry.self), changes: changes, reason: reason, by: context, in: db))
        }
        voidEntry = { key, reason, context, db in
            try EntryForm(try Ledger.void(Entry.self, key: Self.key(key, of: Entry.self), reason: reason, by: context, in: db))
        }
    }

    private static func key<Entry: LedgerEntry>(_ text: String, of type: Entry.Type) throws -> Entry.Key {
        guard let key = Entry.Key(text) else { throw QueryError("there is no \(Entry.noun) \(text) in the \(Entry.module) ledger") }
        return key
    }

    /// The entries in force (or all, the voided ones marked), in the columns the command line
    /// lists, and each row's key.
    public func entries(all: Bool, in db: Database) throws -> (table: ReportTable, keys: [String]) { try list(all, db) }

    /// One entry, voided or not.
    public func entry(_ key: String, in db: Database) throws -> EntryForm { try form(key, db) }

    /// Corrects the fields whose values differ from the entry's as `version` showed it; refuses
    /// when the entry has changed since (`EntryChanged`), or when nothing differs. Returns the
    /// entry as corrected.
    public func amend(_ key: String, values: [String: String], reason: String, version: String, by context: OperationContext,
                      in db: Database) throws -> EntryForm {
        let current = try form(key, db)
        guard current.version == version else { throw EntryChanged(current: current) }
        // A browser sends a textarea's line breaks as CR LF.
        func same(_ text: String) -> String { text.replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(in: .whitespacesAndNewlines) }
        let changes = current.fields.filter(\.editable).compactMap { field -> (field: String, value: String)? in
            guard let typed = values[field.name].map(same), typed != same(field.value) else { return nil }
            return (field.name, typed)
        }
        guard !changes.isEmpty else { throw EntryError("no field differs from the entry as it is: change a value, or leave it as it is") }
        return try amendEntry(key, changes, reason, context, db)
    }

    /// Voids the entry as `version` showed it; refuses when it has changed since.
    public func void(_ key: String, reason: String, version: String, by context: OperationContext, in db: Database) throws -> EntryForm {
        let current = try form(key, db)
        guard current.version == version else { throw EntryChanged(current: current) }
        return try voidEntry(key, reason, context, db)
    }
}

/// A ledger entry as a form shows it: each field with the text a correction takes back.
public struct EntryForm: Encodable, Sendable {
    public var key: String
    /// `alert 3`, as the log names it.
    public var record: String
    public var fields: [Field]
    public var voidedAt: String?
    public var voidReason: String?
    /// A digest of the entry as stored, sent back with a form: a form filled in before another
    /// write of the entry is refused, not applied over it. (Not a secret: FNV-1a of its JSON.)
    public var version: String

    public struct Field: Encodable, Sendable {
        /// The name the command line's `--FIELD` takes (`issued-at`).
        public var name: String
        public var kind: FieldKind
        public var optional: Bool
        /// The value as a correction takes it back: a choice's code, a date as ISO, yes or no.
        public var value: String
        /// For a choice (or 是/否), what the form offers.
        public var options: [ChoiceOption]
        /// False for a list or a value with parts: the command line's `amend` cannot correct one either.
        public var editable: Bool
    }

    init<Entry: LedgerEntry>(_ entry: Entry) throws {
        let text = try Ledger.text(entry)
        let object = (try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]) ?? [:]
        let kinds = Ledger.fieldKinds(entry)
        let decimals = Dictionary(Mirror(reflecting: entry).children.compactMap { child -> (String, Decimal)? in
            guard let name = child.label else { return nil }
            return (child.value as? Decimal).map { (name, $0) }
        }, uniquingKeysWith: { first, _ in first })
        key = entry.key.map { "\($0)" } ?? ""
        record = entry.logLabel
        fields = try Ledger.amendable(entry).map { name in
            let (kind, optional) = kinds[name] ?? (.text, true)
            let value: String =
                switch object[name] {
                case nil, is NSNull: ""
                case let text as String: text
                case let number as NSNumber where kind == .yesNo: number.boolValue ? YesNo.yes.rawValue : YesNo.no.rawValue
                case let list as [Any]: list.map { "\($0)" }.joined(separator: "；")
                case let parts as [String: Any]: parts.keys.sorted().map { "\($0)：\(parts[$0].map { "\($0)" } ?? "")" }.joined(separator: "；")
                case let other: decimals[name].map { "\($0)" } ?? "\(other)"
                }
            let options: [ChoiceOption] =
                switch kind {
                case .choice: Entry.choice(forField: name)?.options ?? []
                case .yesNo: YesNo.options
                default: []
                }
            // A value with parts of its own (a project's facts) is no text to retype.
            let nested = object[name] is [String: Any]
            return Field(name: Ledger.kebabCase(name), kind: kind, optional: optional, value: value, options: options, editable: kind != .list && !nested)
        }
        voidedAt = entry.voidedAt
        voidReason = entry.voidReason
        version = Self.digest(text)
    }

    static func digest(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return String(hash, radix: 16)
    }
}

/// A form filled in from an entry as it was before another write of it: refused, so that one
/// clerk's correction never silently replaces another's.
public struct EntryChanged: ReportableError, Sendable {
    public var current: EntryForm
    public var description: String { "\(current.record) was changed by someone else after this form was opened; it is shown as it is now" }
}
