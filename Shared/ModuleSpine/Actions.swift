import Foundation
import GRDB
import GazetteModel
import GazetteStore

/// A write a module offers on the web page as a form (发布预警, 报送): the same operation its
/// command does, at `/modules/<module id>/actions/<path>`. Plain values, so that a module needs no
/// web framework; the web layer checks the account's role (a module's own: its id) before `perform`.
public struct ModuleAction: Sendable {
    public var path: String
    /// The form's name as a clerk reads it.
    public var title: String
    /// What the form is for, in a sentence, with the clause it follows.
    public var summary: String
    public var fields: [ActionField]
    /// The ledger whose entries it acts on, and the field that takes the entry's key: an entry's
    /// page offers the action with that field filled in (`lift?alert=1`).
    public var entry: (ledger: String, field: String)?
    /// Runs inside the write's transaction: reads the form's values, writes through the module's
    /// operations, says what was recorded. A refusal is an `EntryError` naming the field.
    public var perform: @Sendable (ActionRequest, Database) throws -> ActionResult

    public init(path: String, title: String, summary: String, fields: [ActionField], entry: (ledger: String, field: String)? = nil,
                perform: @escaping @Sendable (ActionRequest, Database) throws -> ActionResult) {
        self.path = path
        self.title = title
        self.summary = summary
        self.fields = fields
        self.entry = entry
        self.perform = perform
    }
}

/// A field of an action's form.
public struct ActionField: Sendable {
    /// The name the command line's option has (`issued`, `regional-alert`).
    public var name: String
    public var label: String
    public var kind: FieldKind
    public var required: Bool
    public var options: [ChoiceOption]
    /// The forms it accepts, said under the field.
    public var hint: String?
    /// The entry's field it fills, where the name differs (`issued` fills `issued-at`): a rule's
    /// refusal of that field is shown at this one.
    public var fills: String?

    public init(_ name: String, label: String, kind: FieldKind = .text, required: Bool = false, options: [ChoiceOption] = [], hint: String? = nil,
                fills: String? = nil) {
        self.fills = fills
        self.name = name
        self.label = label
        self.kind = kind
        self.required = required
        self.options = options
        self.hint = hint
    }

    /// A closed set, offered in the gazette's words.
    public static func choice<Choice: LabelledChoice>(_ name: String, label: String, _ type: Choice.Type, required: Bool = true,
                                                       except excluded: [Choice] = []) -> ActionField {
        let options = type.allCases.filter { choice in !excluded.contains { $0.rawValue == choice.rawValue } }.map { ChoiceOption(code: $0.rawValue, label: $0.label) }
        return ActionField(name, label: label, kind: .choice, required: required, options: options)
    }

    public static func date(_ name: String, label: String, required: Bool = true, hint: String? = nil, fills: String? = nil) -> ActionField {
        ActionField(name, label: label, kind: .date, required: required, hint: hint ?? "如 2026年3月1日、2026-03-01 或 2026/3/1" + (required ? "" : "；可空"),
                    fills: fills)
    }

    public static func amount(_ name: String, label: String, required: Bool = true) -> ActionField {
        ActionField(name, label: label, kind: .amount, required: required, hint: "单位万元，如 80 或 80万元")
    }
}

/// What an action's form was sent with, read field by field as the command line reads its
/// options; a value that is none says so at its field.
public struct ActionRequest: Sendable {
    public var values: [String: String]
    /// Who acts (the account signed in), on which day.
    public var context: OperationContext

    public init(values: [String: String], context: OperationContext) {
        self.values = values
        self.context = context
    }

    /// A text, blank as absent.
    public func text(_ name: String) -> String? {
        values[name].flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0.trimmingCharacters(in: .whitespacesAndNewlines) }
    }

    public func required(_ name: String) throws -> String {
        guard let text = text(name) else { throw EntryError(name, "必填") }
        return text
    }

    public func date(_ name: String) throws -> CivilDate? {
        guard let text = text(name) else { return nil }
        switch TypedValue.date(text) {
        case .success(let day): return day
        case .failure(let reason): throw EntryError(name, reason.description)
        }
    }

    public func requiredDate(_ name: String) throws -> CivilDate {
        guard let day = try date(name) else { throw EntryError(name, "必填") }
        return day
    }

    public func amount(_ name: String) throws -> Decimal? {
        guard let text = text(name) else { return nil }
        switch TypedValue.amount(text) {
        case .success(let amount): return amount
        case .failure(let reason): throw EntryError(name, reason.description)
        }
    }

    public func requiredAmount(_ name: String) throws -> Decimal {
        guard let amount = try amount(name) else { throw EntryError(name, "必填") }
        return amount
    }

    /// Several values in one field, as a clerk lists them: `区财政局、区税务局` (or commas,
    /// semicolons, lines).
    public func list(_ name: String) -> [String] {
        (values[name] ?? "").split(whereSeparator: { "、,，;；\n\r".contains($0) })
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    public func choice<Choice: LabelledChoice>(_ name: String, as type: Choice.Type) throws -> Choice? {
        guard let text = text(name) else { return nil }
        guard let choice = Choice(printed: text) else {
            throw EntryError(name, "\(text) is none of " + Choice.allCases.map { "\($0.label) (\($0.rawValue))" }.joined(separator: ", "))
        }
        return choice
    }

    public func requiredChoice<Choice: LabelledChoice>(_ name: String, as type: Choice.Type) throws -> Choice {
        guard let choice = try choice(name, as: type) else { throw EntryError(name, "必填") }
        return choice
    }

    /// A value read by the module's own parser (a time, an id), refused at its field with why.
    public func parsed<Value>(_ name: String, as what: String, _ parse: (String) -> Value?) throws -> Value? {
        guard let text = text(name) else { return nil }
        guard let value = parse(text) else { throw EntryError(name, "\(text) is not \(what)") }
        return value
    }

    public func requiredParsed<Value>(_ name: String, as what: String, _ parse: (String) -> Value?) throws -> Value {
        guard let value = try parsed(name, as: what, parse) else { throw EntryError(name, "必填") }
        return value
    }
}

/// What an action recorded: said in a sentence, with the entry it made or changed.
public struct ActionResult: Sendable {
    public var summary: String
    /// The ledger (`LedgerBook.path`) and key of the entry, for a link to its page.
    public var ledger: String?
    public var key: String?
    /// A page of the site that shows what changed (`/bodies/3`), where it is no ledger entry.
    public var href: String?

    public init(_ summary: String, ledger: String? = nil, key: String? = nil, href: String? = nil) {
        self.summary = summary
        self.ledger = ledger
        self.key = key
        self.href = href
    }
}
