import GazetteModel

/// Why an account operation was refused.
public struct AccountError: ReportableError, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
