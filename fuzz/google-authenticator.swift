// libFuzzer target: libpam-google-authenticator files (CredKitOTP.GoogleAuthenticatorFile).
import CredKitOTP

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzGoogleAuthenticator(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: count)
    _ = GoogleAuthenticatorFile.looksLikeFile(bytes)
    guard let file = try? GoogleAuthenticatorFile.parse(bytes) else { return 0 }
    precondition(file.kind == .hotp || file.counter == nil, "only HOTP files carry a counter")
    if let period = file.period { precondition(TOTP.periodRange.contains(period)) }
    return 0
}
