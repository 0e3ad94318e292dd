import Foundation
import Testing
import GazetteModel
import GazetteText
import TestSupport
@testable import AkomaNtoso

@Suite("Akoma Ntoso: writing, validating, reading back")
struct RoundTripTests {
    @Test("The sample issue converts to XML that the strict OASIS schema accepts")
    func seedValidates() throws {
        let issue = try PlainTextGazette.parse(try Fixtures.seed(), file: "seed")
        let xml = AkomaNtosoWriter().gazette(issue)
        #expect(try AkomaNtosoSchema.validate(bytes: Array(xml.utf8), file: "seed.xml").isEmpty)
        #expect(xml.contains("<person refersTo=\"#cmp_2__person_1\" as=\"#cmp_2__role_1\">赵学</person>"))
        #expect(xml.contains("<TLCRole eId=\"cmp_2__role_1\""))
        #expect(xml.contains("<organization refersTo="))
    }

    @Test("Reading the written XML gives back the same documents")
    func roundTrip() throws {
        let issue = try PlainTextGazette.parse(try Fixtures.seed(), file: "seed")
        let xml = AkomaNtosoWriter().gazette(issue)
        let (back, report) = try AkomaNtosoReader().read(bytes: Array(xml.utf8), file: "seed.xml")
        #expect(back.documents == issue.documents)
        #expect(back.contents == issue.contents)
        #expect(back.year == 2020 && back.number == 9)
        #expect(report.danglingReferences.isEmpty)
    }

    @Test("Random Unicode round-trips: markup beside combining marks, ZWJ, variation selectors and the neighbours of the surrogates")
    func randomUnicode() throws {
        // Scalars that break escaping by grapheme, and ordinary text around them.
        let tricky: [Unicode.Scalar] = ["<", ">", "&", "\"", "'", "\u{0301}", "\u{0308}", "\u{20DD}", "\u{200D}", "\u{FE0F}", "\u{FE00}",
                                        "\u{D7FF}", "\u{E000}", "\u{FFFD}", "\u{1F468}", "\u{1F3FB}", "\u{10FFFD}", "a", "Z", "9", "；", "〔", "号", "周", "村"]
        var random = SplitMix64(seed: 20_261_202)
        for round in 0 ..< 300 {
            let length = Int(random.next() % 24) + 1
            var text = String.UnicodeScalarView()
            for _ in 0 ..< length { text.append(tricky[Int(random.next() % UInt64(tricky.count))]) }
            let words = "周村" + String(text) + "号"
            let document = OfficialDocument(number: "周政办字〔2020〕\(round + 1)号", title: "关于\(words)的通知", issuer: "周村区人民政府办公室",
                                            date: "2020-10-10", body: [Section(blocks: [.paragraph(Paragraph(text: words))])])
            let xml = AkomaNtosoWriter().gazette(GazetteIssue(documents: [document]))
            let errors = try AkomaNtosoSchema.validate(bytes: Array(xml.utf8), file: "random.xml")
            #expect(errors.isEmpty, "round \(round): \(words.unicodeScalars.map { String($0.value, radix: 16) }): \(errors.prefix(2))")
            let (back, _) = try AkomaNtosoReader().read(bytes: Array(xml.utf8), file: "random.xml")
            // Every scalar comes back but the zero-width ones, which the reader drops as no content.
            func visible(_ text: String) -> String { String(String.UnicodeScalarView(text.unicodeScalars.filter { !Normalize.isInvisible($0) })) }
            #expect(back.documents.first?.body.first?.blocks.first?.text == visible(words), "round \(round): \(words.unicodeScalars.map { String($0.value, radix: 16) })")
            #expect(back.documents.first?.title == visible(document.title))
        }
    }

    @Test("The shipped sample XML is the conversion of the shipped sample text")
    func shippedSample() throws {
        let text = try String(contentsOf: Fixtures.root.appendingPathComponent("Apps/ZhoucunCommands/Samples/zhoucun-gazette-2020-09.txt"), encoding: .utf8)
        let xml = try String(contentsOf: Fixtures.sampleXML, encoding: .utf8)
        #expect(AkomaNtosoWriter().gazette(try PlainTextGazette.parse(text, file: "sample")) == xml)
    }

    @Test("The design's example gazette: semantic markup is used")
    func designExample() throws {
        let (issue, report) = try AkomaNtosoReader().read(bytes: Array(try Data(contentsOf: Fixtures.aknExample)), file: "example.xml")
        #expect(report.danglingReferences.isEmpty)
        let document = try #require(issue.documents.first)
        #expect(document.number == "某府发〔2024〕1号")
        #expect(document.title == "关于成立某某工作领导小组的通知")
        #expect(document.issuer == "某区人民政府")
        #expect(document.date == "2024-01-10")
        #expect(issue.year == 2024 && issue.number == 3)
        guard case .roster(let roster)? = document.attachments.first?.body.first?.blocks.first else {
            Issue.record("the attachment's table should read as a roster")
            return
        }
        #expect(roster.entries == [RosterEntry(role: "组长", name: "张三", affiliation: "区政府区长")])
    }

    @Test("Dangling refersTo targets are reported with their place")
    func dangling() throws {
        let xml = """
            <akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><doc name="notice"><meta><references source="#a">
            <TLCPerson eId="p1" href="/p/1" showAs="张三"/></references></meta><preface><p><docTitle>某通知</docTitle></p></preface>
            <mainBody><p><person refersTo="#p2" as="#r1">李四</person></p></mainBody></doc></akomaNtoso>
            """
        let (_, report) = try AkomaNtosoReader().read(bytes: Array(xml.utf8), file: "d.xml")
        #expect(report.danglingReferences.count == 2)
        #expect(report.danglingReferences.first?.hasPrefix("d.xml:3:") == true)
    }
}

@Suite("Akoma Ntoso of other countries and other document types")
struct ForeignDocumentTests {
    @Test("An act without XML declaration, extra namespaces in meta, sections with numbers")
    func act() throws {
        let xml = """
            <akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0" xmlns:uk="https://www.legislation.gov.uk/namespaces/metadata">
              <act name="act">
                <meta>
                  <identification source="#source"><FRBRWork><FRBRthis value="/akn/za/act/2019/12/!main"/><FRBRuri value="/akn/za/act/2019/12"/>
                  <FRBRdate date="2019-05-20" name="Generation"/><FRBRauthor href="#parliament"/><FRBRcountry value="za"/>
                  <FRBRnumber value="12"/><FRBRname value="Public Finance Amendment Act"/></FRBRWork></identification>
                  <uk:year>2019</uk:year>
                </meta>
                <body>
                  <chapter eId="chp_1"><num>1</num><heading>Definitions</heading>
                    <section eId="sec_1"><num>1.</num><heading>Interpretation</heading><content><p>In this Act, unless the context indicates otherwise …</p></content></section>
                    <section eId="sec_2"><num>2.</num><heading>Application</heading><content><p>This Act applies to every department.</p></content></section>
                  </chapter>
                </body>
              </act>
            </akomaNtoso>
            """
        let (issue, _) = try AkomaNtosoReader().read(bytes: Array(xml.utf8), file: "act.xml")
        let act = try #require(issue.documents.first)
        #expect(act.type == "act")
        #expect(act.title == "Public Finance Amendment Act")
        #expect(act.number == "12")
        #expect(act.date == "2019-05-20")
        #expect(act.body.first?.heading == "Definitions")
        #expect(act.body.first?.children.map(\.heading) == ["Interpretation", "Application"])
        #expect(act.body.first?.children.last?.blocks == [.paragraph(Paragraph(text: "This Act applies to every department."))])
    }

    @Test("A judgment and a debate, in a documentCollection, read as documents")
    func collection() throws {
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">
              <documentCollection name="bundle">
                <meta><identification source="#s"><FRBRWork><FRBRthis value="/akn/ke/documentCollection/2020/1/!main"/><FRBRuri value="/akn/ke/documentCollection/2020/1"/><FRBRdate date="2020-01-01" name="x"/><FRBRauthor href="#s"/><FRBRcountry value="ke"/></FRBRWork></identification></meta>
                <collectionBody>
                  <component eId="cmp_1"><judgment name="judgment">
                    <meta><identification source="#s"><FRBRWork><FRBRthis value="/akn/ke/judgment/2020/5/!main"/><FRBRuri value="/akn/ke/judgment/2020/5"/><FRBRdate date="2020-03-02" name="judgment"/><FRBRauthor href="#court"/><FRBRcountry value="ke"/><FRBRname value="Republic v Doe"/></FRBRWork></identification></meta>
                    <header><p>In the High Court</p></header>
                    <judgmentBody><introduction><p>The appellant was convicted.</p></introduction><decision><p>The appeal is dismissed.</p></decision></judgmentBody>
                  </judgment></component>
                  <component eId="cmp_2"><debate name="hansard">
                    <meta><identification source="#s"><FRBRWork><FRBRthis value="/akn/ke/debate/2020-03-03/!main"/><FRBRuri value="/akn/ke/debate/2020-03-03"/><FRBRdate date="2020-03-03" name="debate"/><FRBRauthor href="#nassembly"/><FRBRcountry value="ke"/></FRBRWork></identification></meta>
                    <debateBody><debateSection eId="dbs_1"><heading>Questions</heading><speech by="#mp1"><from>Hon. Member</from><p>Will the Minister explain?</p></speech></debateSection></debateBody>
                  </debate></component>
                </collectionBody>
              </documentCollection>
            </akomaNtoso>
            """
        let (issue, _) = try AkomaNtosoReader().read(bytes: Array(xml.utf8), file: "bundle.xml")
        #expect(issue.documents.map(\.type) == ["judgment", "debate"])
        #expect(issue.documents[0].title == "Republic v Doe")
        #expect(issue.documents[0].body.map(\.text) == ["The appellant was convicted.", "The appeal is dismissed."])
        #expect(issue.documents[1].date == "2020-03-03")
        #expect(issue.documents[1].body.first?.heading == "Questions")
        #expect(issue.documents[1].body.first?.text.contains("Will the Minister explain?") == true)
    }

    @Test("An older draft namespace is read, and said")
    func draftNamespace() throws {
        let xml = #"<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0/CSD13"><doc name="x"><meta/><mainBody><p>text</p></mainBody></doc></akomaNtoso>"#
        let (issue, report) = try AkomaNtosoReader().read(bytes: Array(xml.utf8), file: "old.xml")
        #expect(issue.documents.count == 1)
        #expect(report.draftNamespace == "http://docs.oasis-open.org/legaldocml/ns/akn/3.0/CSD13")
    }
}

@Suite("Hostile and broken XML is refused with its place")
struct HostileXMLTests {
    func refusal(_ xml: [UInt8], file: String = "bad.xml") -> InputError? {
        do {
            _ = try AkomaNtosoReader().read(bytes: xml, file: file)
            return nil
        } catch let error as InputError {
            return error
        } catch {
            Issue.record("unexpected error \(error)")
            return nil
        }
    }

    @Test("An external entity is never read: the DOCTYPE is refused first")
    func externalEntity() throws {
        let xml = """
            <?xml version="1.0"?>
            <!DOCTYPE akomaNtoso [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
            <akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><doc name="x"><mainBody><p>&secret;</p></mainBody></doc></akomaNtoso>
            """
        let error = try #require(refusal(Array(xml.utf8)))
        #expect(error.line == 2 && error.column == 1)
        #expect(error.message.contains("DOCTYPE"))
    }

    @Test("An entity bomb is refused at once")
    func entityBomb() throws {
        var xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n"
        for level in 1...9 { xml += "<!ENTITY lol\(level) \"" + String(repeating: "&lol\(level == 1 ? "" : String(level - 1));", count: 10) + "\">\n" }
        xml += "]>\n<akomaNtoso xmlns=\"http://docs.oasis-open.org/legaldocml/ns/akn/3.0\">&lol9;</akomaNtoso>"
        let error = try #require(refusal(Array(xml.utf8)))
        #expect(error.line == 2)
    }

    @Test("An undeclared entity reference is refused")
    func undeclaredEntity() throws {
        let error = try #require(refusal(Array(#"<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><doc name="x">&x;</doc></akomaNtoso>"#.utf8)))
        #expect(error.line == 1)
    }

    @Test("A truncated file is refused with the line where it stops")
    func truncated() throws {
        let full = try Data(contentsOf: Fixtures.sampleXML)
        let half = Array(full.prefix(full.count / 2))
        let lines = half.split(separator: 0x0A, omittingEmptySubsequences: false).count
        let error = try #require(refusal(half))
        #expect(error.line >= lines - 1)
    }

    @Test("Not XML, wrong root, wrong namespace, empty")
    func notAkomaNtoso() throws {
        #expect(refusal(Array("just some words".utf8)) != nil)
        #expect(try #require(refusal(Array("<html><body/></html>".utf8))).message.contains("not Akoma Ntoso"))
        #expect(try #require(refusal(Array(#"<akomaNtoso xmlns="urn:other"/>"#.utf8))).message.contains("namespace"))
        #expect(try #require(refusal([])).message.contains("empty"))
    }

    @Test("100,000 nested elements are refused quickly, not followed")
    func deepNesting() throws {
        let depth = 100_000
        let xml = #"<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">"# + String(repeating: "<p>", count: depth)
            + String(repeating: "</p>", count: depth) + "</akomaNtoso>"
        let error = try #require(refusal(Array(xml.utf8)))
        #expect(error.line == 1)
    }

    @Test("A GBK file declared UTF-8 is refused; declared GB2312 it is read as GB18030")
    func encodings() throws {
        // 喆 (U+5586) is outside GB2312 but inside GBK: its GBK bytes are 0x86 0xB4.
        let body: [UInt8] = Array(#"<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><doc name="x"><preface><p><docTitle>"#.utf8)
            + [0x86, 0xB4] + Array("</docTitle></p></preface><mainBody><p>x</p></mainBody></doc></akomaNtoso>".utf8)
        let asUTF8 = Array(#"<?xml version="1.0" encoding="UTF-8"?>"#.utf8) + body
        #expect(refusal(asUTF8) != nil)
        let asGB2312 = Array(#"<?xml version="1.0" encoding="GB2312"?>"#.utf8) + body
        let (issue, _) = try AkomaNtosoReader().read(bytes: asGB2312, file: "gbk.xml")
        #expect(issue.documents.first?.title == "喆")
    }

    @Test("Schema validation reports line numbers")
    func schemaErrors() throws {
        let xml = """
            <akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">
              <doc name="x">
                <unknownElement/>
              </doc>
            </akomaNtoso>
            """
        let errors = try AkomaNtosoSchema.validate(bytes: Array(xml.utf8), file: "invalid.xml")
        #expect(errors.first?.line == 3)
        #expect(errors.first?.file == "invalid.xml")
    }
}

@Suite("gazette convert on real 公文")
struct RealDocumentConversionTests {
    @Test("Every text of the project's corpus converts to Akoma Ntoso that validates against the strict schema")
    func corpusValidates() throws {
        let folder = Fixtures.root.appendingPathComponent("Tests/Corpus/texts")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".txt") }.sorted()
        #expect(files.count >= 64)
        for file in files {
            let bytes = Array(try Data(contentsOf: folder.appendingPathComponent(file)))
            let issue = try PlainTextGazette.parse(try PlainTextGazette.decode(bytes, file: file), file: file)
            let xml = AkomaNtosoWriter().gazette(issue)
            let errors = try AkomaNtosoSchema.validate(bytes: Array(xml.utf8), file: file)
            #expect(errors.isEmpty, "\(file): \(errors.prefix(3))")
        }
    }
}

@Suite("Akoma Ntoso of other countries: the cover page, Latin spaces")
struct CoverPageTests {
    @Test("The cover page's docTitle, docNumber and docProponent are read, with the spaces of Latin text kept")
    func coverPage() throws {
        let (issue, _) = try AkomaNtosoReader().read(bytes: Array(Fixtures.foreignAct.utf8), file: "uk.xml")
        let act = try #require(issue.documents.first)
        #expect(act.title == "The Commencement Regulations 2017")
        #expect(act.number == "2017 No. 126 (C. 10)")
        #expect(act.issuer == "Secretary of State")
    }
}

/// A small seeded generator (SplitMix64): the same strings on every run, so a failure repeats.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
