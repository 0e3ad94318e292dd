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
    public var description: String
    public init(_ field: String, _ message: String) { description = "\(field): \(message)" }
    public init(_ description: String) { self.description = description }
}
