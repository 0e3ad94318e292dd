import CLibXML2

/// One attribute of a start tag.
public struct XMLAttribute: Sendable, Equatable {
    public var name: String
    public var value: String
}

/// What the streaming reader reports, in document order.
public enum XMLEvent: Sendable, Equatable {
    /// A start tag. `name` is the local name; `namespace` its namespace URI, if any.
    case start(name: String, namespace: String?, attributes: [XMLAttribute], line: Int, column: Int)
    case end(name: String)
    /// Character data (CDATA included), entity references left as they were written.
    case text(String)
}

/// Why a document was refused, and where.
public struct XMLReadError: Error, Sendable, Equatable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var message: String

    public init(line: Int, column: Int, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String { "line \(line), column \(column): \(message)" }
}

/// A safe, streaming reader over libxml2's `xmlTextReader`.
///
/// Safety is not optional: no network (`XML_PARSE_NONET`), no entity substitution (never
/// `XML_PARSE_NOENT`), no `XML_PARSE_HUGE` (so libxml2's depth and size limits stay on), and any
/// DOCTYPE is refused before its declarations can be used.
public struct StreamingXMLReader: Sendable {
    public var bytes: [UInt8]
    /// Shown in libxml2's own messages; never fetched.
    public var documentName: String
    public init(bytes: [UInt8], documentName: String) {
        self.bytes = bytes
        self.documentName = documentName
    }

    static let options = Int32(XML_PARSE_NONET.rawValue)

    public func read(_ handle: (XMLEvent) throws -> Void) throws {
        silenceDefaultErrorOutput()
        let collector = ErrorCollector()
        try bytes.withUnsafeBufferPointer { buffer in
            let base = buffer.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) }
            guard let reader = xmlReaderForMemory(
                base, Int32(buffer.count), documentName, nil, Self.options
            ) else {
                throw XMLReadError(line: 1, column: 1, message: "libxml2 could not start reading")
            }
            defer { xmlFreeTextReader(reader) }
            let context = Unmanaged.passUnretained(collector).toOpaque()
            xmlTextReaderSetStructuredErrorHandler(reader, { context, error in
                guard let context, let error else { return }
                let collector = Unmanaged<ErrorCollector>.fromOpaque(context).takeUnretainedValue()
                collector.record(error.pointee)
            }, context)

            while true {
                let status = xmlTextReaderRead(reader)
                if let failure = collector.first { throw failure }
                if status == 0 { break }
                if status < 0 {
                    throw XMLReadError(
                        line: Int(xmlTextReaderGetParserLineNumber(reader)),
                        column: Int(xmlTextReaderGetParserColumnNumber(reader)),
                        message: "the document is not well-formed XML"
                    )
                }
                try report(reader, handle)
            }
        }
    }

    private func report(_ reader: xmlTextReaderPtr, _ handle: (XMLEvent) throws -> Void) throws {
        // The parser reads ahead; the node knows its own line. Columns are only known where the
        // parser still is on that line (they then point just past the start tag).
        let parserLine = Int(xmlTextReaderGetParserLineNumber(reader))
        let nodeLine = xmlTextReaderCurrentNode(reader).map { Int(xmlGetLineNo($0)) } ?? parserLine
        let line = nodeLine > 0 ? nodeLine : parserLine
        let column = line == parserLine ? Int(xmlTextReaderGetParserColumnNumber(reader)) : 1
        switch xmlTextReaderNodeType(reader) {
        case Int32(XML_READER_TYPE_ELEMENT.rawValue):
            let name = string(xmlTextReaderConstLocalName(reader)) ?? ""
            let namespace = string(xmlTextReaderConstNamespaceUri(reader))
            var attributes: [XMLAttribute] = []
            if xmlTextReaderHasAttributes(reader) == 1 {
                while xmlTextReaderMoveToNextAttribute(reader) == 1 {
                    let qualified = string(xmlTextReaderConstName(reader)) ?? ""
                    if qualified == "xmlns" || qualified.hasPrefix("xmlns:") { continue }
                    let local = string(xmlTextReaderConstLocalName(reader)) ?? qualified
                    let attributeName = qualified.hasPrefix("xml:") ? qualified : local
                    attributes.append(XMLAttribute(name: attributeName, value: string(xmlTextReaderConstValue(reader)) ?? ""))
                }
                xmlTextReaderMoveToElement(reader)
            }
            let isEmpty = xmlTextReaderIsEmptyElement(reader) == 1
            try handle(.start(name: name, namespace: namespace, attributes: attributes, line: line, column: column))
            if isEmpty { try handle(.end(name: name)) }
        case Int32(XML_READER_TYPE_END_ELEMENT.rawValue):
            try handle(.end(name: string(xmlTextReaderConstLocalName(reader)) ?? ""))
        case Int32(XML_READER_TYPE_TEXT.rawValue), Int32(XML_READER_TYPE_CDATA.rawValue),
             Int32(XML_READER_TYPE_SIGNIFICANT_WHITESPACE.rawValue), Int32(XML_READER_TYPE_WHITESPACE.rawValue):
            try handle(.text(string(xmlTextReaderConstValue(reader)) ?? ""))
        case Int32(XML_READER_TYPE_DOCUMENT_TYPE.rawValue):
            throw XMLReadError(line: line, column: column, message: "a DOCTYPE is not allowed (Akoma Ntoso needs none; it can smuggle in entities)")
        case Int32(XML_READER_TYPE_ENTITY_REFERENCE.rawValue):
            throw XMLReadError(line: line, column: column, message: "entity references are not allowed")
        default:
            break
        }
    }
}

func string(_ pointer: UnsafePointer<xmlChar>?) -> String? {
    guard let pointer else { return nil }
    return String(cString: pointer)
}

/// Keeps the first error libxml2 reports, with its place.
final class ErrorCollector: @unchecked Sendable {
    private(set) var first: XMLReadError?

    func record(_ error: xmlError) {
        guard first == nil, error.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
        var message = error.message.map { String(cString: $0) } ?? "XML error \(error.code)"
        while message.last == "\n" { message.removeLast() }
        first = XMLReadError(line: Int(error.line), column: Int(error.int2), message: message)
    }
}

/// libxml2 prints to stderr unless told otherwise; our callers report errors themselves.
func silenceDefaultErrorOutput() {
    xmlSetStructuredErrorFunc(nil, { _, _ in })
}
