// libFuzzer target: the Akoma Ntoso import's reader on arbitrary bytes. A throw is a refusal
// (fine); a crash or a hang is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzXML(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    _ = try? AkomaNtosoReader(units: UnitNames(aliases: [])).read(bytes: bytes, file: "fuzz.xml")
    return 0
}
