import Testing
@testable import XMLCore

@Suite("The libxml2 streaming reader")
struct StreamingXMLReaderTests {
    func events(_ xml: String) throws -> [XMLEvent] {
        var events: [XMLEvent] = []
        try StreamingXMLReader(bytes: Array(xml.utf8), documentName: "t.xml").read { events.append($0) }
        return events
    }

    @Test("Elements, attributes, namespaces, text and CDATA, in order, with places")
    func events() throws {
        let result = try events("<a xmlns=\"urn:x\" k=\"v\">\n  <b/>文<![CDATA[<c>]]></a>")
        guard case .start("a", "urn:x", [XMLAttribute(name: "k", value: "v")], 1, _)? = result.first else {
            Issue.record("first event: \(String(describing: result.first))")
            return
        }
        #expect(result.contains { if case .start("b", "urn:x", [], 2, _) = $0 { true } else { false } })
        #expect(result.contains(.text("<c>")))
        #expect(result.last == .end(name: "a"))
    }

    @Test("Malformed XML reports libxml2's message with line and column")
    func malformed() {
        #expect {
            try events("<a>\n<b></a>")
        } throws: { error in
            guard let error = error as? XMLReadError else { return false }
            return error.line == 2 && !error.message.isEmpty
        }
    }

    @Test("A DOCTYPE is refused even without entities")
    func doctype() {
        #expect(throws: XMLReadError.self) { try events("<!DOCTYPE a><a/>") }
    }
}
