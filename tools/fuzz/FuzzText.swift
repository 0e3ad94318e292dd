// libFuzzer target: plain gazette text → documents → Akoma Ntoso → documents again.
// A throw is a refusal (fine); a crash, a hang, XML the reader refuses (markup left unescaped) or a
// round trip that loses a document or changes a word is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzText(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let text = try? PlainTextGazette.decode(bytes, file: "fuzz.txt"),
          let issue = try? PlainTextGazette.parse(text, file: "fuzz.txt") else { return 0 }
    let xml = AkomaNtosoWriter(units: UnitNames(aliases: [])).gazette(issue)
    guard let (back, _) = try? AkomaNtosoReader(units: UnitNames(aliases: [])).read(bytes: Array(xml.utf8), file: "fuzz.xml") else {
        fatalError("the writer made XML its own reader refuses")
    }
    if back.documents.count != issue.documents.count { fatalError("the round trip lost documents") }
    for (before, after) in zip(issue.documents, back.documents) where before.words != after.words {
        fatalError("the round trip changed the words of \(before.citationName)")
    }
    return 0
}
