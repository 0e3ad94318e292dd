import CLibXML2

/// Validates documents against a W3C XML Schema with libxml2, offline.
public final class SchemaValidator: @unchecked Sendable {
    private let schema: xmlSchemaPtr

    /// - Parameter schemaPath: the main `.xsd`; the schemas it imports must sit beside it.
    public init(schemaPath: String) throws {
        guard let parser = xmlSchemaNewParserCtxt(schemaPath) else {
            throw XMLReadError(line: 0, column: 0, message: "cannot open schema \(schemaPath)")
        }
        defer { xmlSchemaFreeParserCtxt(parser) }
        guard let schema = xmlSchemaParse(parser) else {
            throw XMLReadError(line: 0, column: 0, message: "cannot compile schema \(schemaPath)")
        }
        self.schema = schema
    }

    deinit { xmlSchemaFree(schema) }

    /// Every schema error of the document, in order. Empty when the document is valid.
    /// Well-formedness errors come back the same way.
    public func validate(bytes: [UInt8], documentName: String) -> [XMLReadError] {
        silenceDefaultErrorOutput()
        let collector = ListCollector()
        let context = Unmanaged.passUnretained(collector).toOpaque()
        let handler: xmlStructuredErrorFunc = { context, error in
            guard let context, let error else { return }
            Unmanaged<ListCollector>.fromOpaque(context).takeUnretainedValue().record(error.pointee)
        }
        let document: xmlDocPtr? = bytes.withUnsafeBufferPointer { buffer in
            let base = buffer.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) }
            guard let parser = xmlNewParserCtxt() else { return nil }
            defer { xmlFreeParserCtxt(parser) }
            let document = xmlCtxtReadMemory(parser, base, Int32(buffer.count), documentName, nil, StreamingXMLReader.options)
            if document == nil, let last = xmlCtxtGetLastError(parser) { collector.record(last.pointee) }
            return document
        }
        guard let document else {
            return collector.errors.isEmpty
                ? [XMLReadError(line: 1, column: 1, message: "the document is not well-formed XML")]
                : collector.errors
        }
        defer { xmlFreeDoc(document) }
        guard let validation = xmlSchemaNewValidCtxt(schema) else {
            return [XMLReadError(line: 0, column: 0, message: "cannot start schema validation")]
        }
        defer { xmlSchemaFreeValidCtxt(validation) }
        xmlSchemaSetValidStructuredErrors(validation, handler, context)
        let status = xmlSchemaValidateDoc(validation, document)
        if status != 0 && collector.errors.isEmpty {
            return [XMLReadError(line: 0, column: 0, message: "schema validation failed (code \(status))")]
        }
        return collector.errors
    }
}

final class ListCollector: @unchecked Sendable {
    private(set) var errors: [XMLReadError] = []

    func record(_ error: xmlError) {
        guard error.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
        var message = error.message.map { String(cString: $0) } ?? "XML error \(error.code)"
        while message.last == "\n" { message.removeLast() }
        errors.append(XMLReadError(line: Int(error.line), column: Int(error.int2), message: message))
    }
}
