import GazetteModel
import GazetteText

/// Why a door refused a file, and where in it: a zip entry, a page.
public struct DoorError: ReportableError, Sendable, Equatable {
    public var file: String
    /// `word/document.xml`, `page 3`, or nil for the file as a whole.
    public var part: String?
    public var message: String

    public init(file: String, part: String? = nil, message: String) {
        self.file = file
        self.part = part
        self.message = message
    }

    public var description: String { [file, part, message].compactMap { $0 }.joined(separator: ": ") }
}

/// What a door read: the laid-out document, and what the clerk should know (pages with no text).
public struct DoorReading: Sendable {
    public var document: LaidOutDocument
    public var warnings: [String]

    public init(document: LaidOutDocument, warnings: [String] = []) {
        self.document = document
        self.warnings = warnings
    }
}
