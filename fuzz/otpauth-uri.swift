// libFuzzer target: otpauth:// URIs (CredKitOTP.OTPAuthURI.parse), as read from QR codes and files.
// What parses must print back to a URI that parses to the same key and settings.
import CredKitOTP

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOTPAuthURI(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let input = UnsafeBufferPointer(start: data, count: count)
    _ = OTPAuthURI.looksLikeURI(input)
    guard let uri = try? OTPAuthURI.parse(input) else { return 0 }
    _ = uri.redactedURIString()
    guard let again = try? OTPAuthURI.parse(Array(uri.uriString().utf8)) else {
        fatalError("a parsed URI printed as text that does not parse")
    }
    guard again.kind == uri.kind, again.secret == uri.secret, again.algorithm == uri.algorithm,
          again.digits == uri.digits, again.account == uri.account, shownIssuer(again) == shownIssuer(uri),
          // A period means nothing to HOTP and a counter nothing to TOTP: neither is printed.
          uri.kind == .totp ? again.period == uri.period : again.counter == uri.counter else {
        fatalError("a parsed URI does not round-trip through uriString()")
    }
    if uri.kind == .totp { _ = try? uri.totp() } else { _ = try? uri.hotp() }
    return 0
}

/// The issuer as uriString() prints it: empty ones (`otpauth://totp/:alice`, `&issuer=`) are left
/// out, so an empty `issuer=` parameter no longer hides the label's issuer when read back.
private func shownIssuer(_ uri: OTPAuthURI) -> String? {
    func nonEmpty(_ text: String?) -> String? { text?.isEmpty == false ? text : nil }
    return nonEmpty(uri.issuerParameter) ?? nonEmpty(uri.labelIssuer)
}
