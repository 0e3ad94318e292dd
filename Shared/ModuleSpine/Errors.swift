import GazetteModel
import GazetteStore

/// A command-line value that does not fit, said the way the user typed it.
public struct ArgumentError: ReportableError, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// A ledger entry that does not fit what the store or the document allows, said by field (the
/// domain does not know how the value was typed: a flag, a CSV column or an amendment).
public struct EntryError: ReportableError, Sendable {
    /// The field refused, as the command line's option names it (`issued-at`), where it is one;
    /// a form shows the message beside it.
    public var field: String?
    public var message: String
    public var description: String { field.map { "\($0): \(message)" } ?? message }
    public init(_ field: String, _ message: String) {
        self.field = field
        self.message = message
    }
    public init(_ description: String) {
        field = nil
        message = description
    }
}
