import Foundation

// libFuzzer target for the doors: a PDF, OFD, HTML or DOCX file (the door is $FUZZ_DOOR) →
// laid-out text → documents → Akoma Ntoso. A throw is a refusal (fine); a crash or a hang is a
// finding.
let door = ProcessInfo.processInfo.environment["FUZZ_DOOR"] ?? "html"

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDoor(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let read: (([UInt8], String) throws -> DoorReading) = switch door {
    case "pdf": PDFDoor.read
    case "ofd": OFDDoor.read
    case "docx": DOCXDoor.read
    default: HTMLDoor.read
    }
    guard let reading = try? read(bytes, "fuzz.\(door)"),
          let issue = try? PlainTextGazette.parse(reading.document, file: "fuzz.\(door)") else { return 0 }
    _ = AkomaNtosoWriter(units: UnitNames(aliases: [])).gazette(issue)
    return 0
}
