import Foundation
import GRDB
import GazetteModel
import GazetteStore

/// A report as a value: what a module answers for a page of the office's web site (and what a
/// command may print), rendered by the output layer as text or JSON and by the web layer as HTML.
/// Every line that states a rule's result carries its citation.
public struct Report: Encodable, Sendable {
    public var title: String
    /// Short facts at the head (预警级别: 橙色), each with its clause where it has one.
    public var facts: [Fact]
    public var sections: [ReportSection]
    /// A figure drawn by the module (SVG), shown as an image: never inlined into the page.
    public var figureSVG: String?

    public init(title: String, facts: [Fact] = [], sections: [ReportSection] = [], figureSVG: String? = nil) {
        self.title = title
        self.facts = facts
        self.sections = sections
        self.figureSVG = figureSVG
    }

    public struct Fact: Encodable, Sendable {
        public var label: String
        public var value: String
        public var citation: String?

        public init(_ label: String, _ value: String, citation: String? = nil) {
            self.label = label
            self.value = value
            self.citation = citation
        }
    }
}

/// A part of a report: a heading, paragraphs each with its citation, and a table.
public struct ReportSection: Encodable, Sendable {
    public var heading: String
    public var paragraphs: [Paragraph]
    public var table: ReportTable?

    public init(_ heading: String, paragraphs: [Paragraph] = [], table: ReportTable? = nil) {
        self.heading = heading
        self.paragraphs = paragraphs
        self.table = table
    }

    public struct Paragraph: Encodable, Sendable {
        public var text: String
        public var citation: String?

        public init(_ text: String, citation: String? = nil) {
            self.text = text
            self.citation = citation
        }
    }
}

/// Rows under a header, as the command line's table prints them (the same columns).
public struct ReportTable: Encodable, Sendable {
    public var header: [String]
    public var rows: [[String]]

    public init(header: [String], rows: [[String]]) {
        self.header = header
        self.rows = rows
    }

    /// The rows of a listing, in the columns its command prints.
    public init<Row: Tabular>(_ rows: [Row]) {
        header = Row.columns.map(\.header)
        self.rows = rows.map { row in Row.columns.map { $0.value(row) } }
    }
}

/// A page a module adds to the web site, at `/modules/<module id>/<path>`: a read with the
/// fields its form asks for. Plain values, so that a module needs no web framework.
public struct ModulePage: Sendable {
    public var path: String
    /// The page's name as a clerk reads it (重污染天气预警评估).
    public var title: String
    public var fields: [Field]
    /// The ledger whose entries it is about, and the field that takes the entry's key: an entry's
    /// page links it with that field filled in (`notice?alert=1`).
    public var entry: (ledger: String, field: String)?
    public var answer: @Sendable (PageRequest) throws -> Report

    public init(path: String, title: String, fields: [Field] = [], entry: (ledger: String, field: String)? = nil,
                answer: @escaping @Sendable (PageRequest) throws -> Report) {
        self.path = path
        self.title = title
        self.fields = fields
        self.entry = entry
        self.answer = answer
    }

    /// A field of the page's form (a GET form: a page reads, it never writes).
    public struct Field: Encodable, Sendable {
        public enum Kind: String, Encodable, Sendable { case text, date, textarea }
        public var name: String
        public var label: String
        public var kind: Kind
        /// What the form holds until the clerk types (a sample forecast).
        public var initial: String?

        public init(_ name: String, label: String, kind: Kind = .text, initial: String? = nil) {
            self.name = name
            self.label = label
            self.kind = kind
            self.initial = initial
        }
    }
}

/// What a module page is asked: the form's values, the store and the office's day.
public struct PageRequest: Sendable {
    public var values: [String: String]
    public var database: GazetteDatabase
    public var context: OperationContext
    public var calendar: WorkingDayCalendar

    public init(values: [String: String], database: GazetteDatabase, context: OperationContext, calendar: WorkingDayCalendar) {
        self.values = values
        self.database = database
        self.context = context
        self.calendar = calendar
    }

    /// A field's value, blank as absent.
    public func value(_ name: String) -> String? {
        values[name].flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0 }
    }

    /// A date field, refused with the field's name and the reason where it is no date.
    public func date(_ name: String) throws -> CivilDate? {
        guard let text = value(name) else { return nil }
        switch TypedValue.date(text) {
        case .success(let day): return day
        case .failure(let reason): throw ArgumentError("\(name) \(reason)")
        }
    }
}

/// Something due: on the home page's list of what needs doing today, across the offices.
public struct AgendaItem: Encodable, Sendable, Equatable {
    /// The module whose ledger holds it.
    public var module: String
    public var what: String
    public var due: CivilDate?
    public var overdue: Bool
    public var citation: String

    public init(module: String, what: String, due: CivilDate?, overdue: Bool, citation: String) {
        self.module = module
        self.what = what
        self.due = due
        self.overdue = overdue
        self.citation = citation
    }
}

/// A module that shows itself on the office's web site: its pages, and what is due today.
public protocol WebModule: PolicyModule {
    /// The module's name as a clerk reads it (重污染天气应急).
    static var title: String { get }
    static var pages: [ModulePage] { get }
    /// The module's ledgers, each shown entry by entry with the forms that correct and void one.
    static var ledgers: [LedgerBook] { get }
    /// The module's writes as forms (the command line's issue, lift, report …).
    static var actions: [ModuleAction] { get }
    /// What is due or overdue on `today` in the module's ledgers, each with its clause.
    static func agenda(on today: CivilDate, calendar: WorkingDayCalendar, in db: Database) throws -> [AgendaItem]
}
